package io.bulwark.console.connection;

import io.bulwark.protocol.engine.EngineInfo;
import io.bulwark.protocol.users.UserView;

/** A logged-in connection to an engine: its client, who is logged in, and which engine it is. */
public record EngineConnection(EngineClient client, UserView user, EngineInfo engine) {
    public EngineAddress address() {
        return client.address();
    }
}
