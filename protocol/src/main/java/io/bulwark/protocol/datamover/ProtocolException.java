package io.bulwark.protocol.datamover;

import java.io.IOException;

/** The peer broke the data mover protocol; the message says how, in words that fit "the peer sent ...". */
public final class ProtocolException extends IOException {
    public ProtocolException(String message) {
        super(message);
    }
}
