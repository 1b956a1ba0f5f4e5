package io.bulwark.console.sessions;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.sessions.SessionDetails;
import java.util.UUID;

/**
 * What the session statistics window asks of the engine. Blocks: call it from a background task.
 * An interface so that the window's view-model is tested against sessions made up in the test.
 */
@FunctionalInterface
public interface SessionApi {
    SessionDetails details(UUID sessionId);

    static SessionApi of(EngineClient client) {
        return sessionId -> client.get(ApiPaths.sessionDetails(sessionId), SessionDetails.class);
    }
}
