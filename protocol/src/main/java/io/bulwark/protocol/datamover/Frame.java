package io.bulwark.protocol.datamover;

/** One message as it crossed the wire: its type and its payload, not yet decoded. */
public record Frame(FrameType type, byte[] payload) {
    public PayloadReader reader() {
        return new PayloadReader(type, payload);
    }
}
