package io.bulwark.agent.remote;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Serves one op of the control channel. What it returns is the answer line; what it throws is
 * answered as a {@code ControlError} with the exception's message, so messages must say what to do.
 */
@FunctionalInterface
public interface ControlHandler {
    /** @param body the request's body, or null when it has none */
    Object handle(JsonNode body) throws Exception;
}
