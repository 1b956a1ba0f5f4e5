package io.bulwark.engine.api;

import io.bulwark.engine.testing.TestDatabase;

/** The API contract on PostgreSQL, a real server started for the tests. */
class EngineApiOnPostgresTest extends EngineApiContract {
    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
