package io.bulwark.protocol.control;

/** What an agent answers to a request it cannot serve. */
public record ControlError(String error) {
}
