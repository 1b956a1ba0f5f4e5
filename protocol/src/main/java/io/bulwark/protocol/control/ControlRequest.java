package io.bulwark.protocol.control;

/** One request on the control channel: {@code op} names it (see {@link ControlChannel}). */
public record ControlRequest(String op) {
}
