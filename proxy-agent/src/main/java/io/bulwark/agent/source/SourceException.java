package io.bulwark.agent.source;

import java.io.IOException;

/** A source cannot be read as expected; the message is for the admin. */
public class SourceException extends IOException {
    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
