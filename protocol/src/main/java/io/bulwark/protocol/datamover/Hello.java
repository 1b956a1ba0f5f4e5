package io.bulwark.protocol.datamover;

import java.util.Arrays;

/**
 * HELLO (the proxy's first frame) and WELCOME (the agent's answer): the protocol version each side
 * speaks, and which software it is, for the logs.
 */
public record Hello(FrameType type, int major, int minor, String software) implements Message {
    public Hello {
        if (type != FrameType.HELLO && type != FrameType.WELCOME) {
            throw new IllegalArgumentException("a greeting is HELLO or WELCOME, not " + type);
        }
    }

    /** This side's greeting, as HELLO or WELCOME. */
    public static Hello current(FrameType type, String software) {
        return new Hello(type, DataMoverProtocol.MAJOR_VERSION, DataMoverProtocol.MINOR_VERSION, software);
    }

    public static Hello decode(Frame frame) throws ProtocolException {
        PayloadReader reader = frame.reader();
        if (frame.type() != FrameType.HELLO && frame.type() != FrameType.WELCOME) {
            throw new ProtocolException("a " + frame.type() + " frame where a greeting was due");
        }
        if (!Arrays.equals(reader.fixed(DataMoverProtocol.MAGIC.length), DataMoverProtocol.MAGIC)) {
            throw new ProtocolException("a greeting without the magic \"BWRP\": not a Bulwark data mover");
        }
        Hello hello = new Hello(frame.type(), reader.u16(), reader.u16(), reader.string());
        reader.end();
        return hello;
    }

    @Override
    public byte[] encode() {
        return new PayloadWriter().fixed(DataMoverProtocol.MAGIC).u16(major).u16(minor).string(software).toByteArray();
    }

    public String version() {
        return major + "." + minor;
    }
}
