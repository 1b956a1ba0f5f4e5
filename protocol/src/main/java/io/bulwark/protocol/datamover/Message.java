package io.bulwark.protocol.datamover;

/** A frame's payload as a record: it knows its frame type and its layout on the wire. */
public interface Message {
    FrameType type();

    byte[] encode();

    /** Checks that {@code frame} is of {@code type}: a decoder given another frame is a bug on this side. */
    static PayloadReader reader(Frame frame, FrameType type) {
        if (frame.type() != type) {
            throw new IllegalArgumentException("a " + frame.type() + " frame is not a " + type + " frame");
        }
        return frame.reader();
    }
}
