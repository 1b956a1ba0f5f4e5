package io.bulwark.protocol.control;

/** What an agent answers to a request that has nothing more to say than that it was done. */
public record ControlDone(String op) {
}
