package io.bulwark.protocol.control;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request on the control channel: {@code op} names it (see {@link ControlChannel}); {@code body}
 * carries its arguments as the op's own record, or is null for ops that take none.
 */
public record ControlRequest(String op, JsonNode body) {
    public static ControlRequest of(String op) {
        return new ControlRequest(op, null);
    }
}
