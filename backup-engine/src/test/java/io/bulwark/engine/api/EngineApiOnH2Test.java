package io.bulwark.engine.api;

import io.bulwark.engine.testing.TestDatabase;

/** The API contract on the default configuration database, embedded H2. */
class EngineApiOnH2Test extends EngineApiContract {
    @Override
    TestDatabase database() {
        return TestDatabase.H2;
    }
}
