package io.bulwark.protocol.datamover;

/** Why an ERROR frame ended a connection. The message says it for people; the code for programs. */
public enum ErrorCode {
    /** A code this side does not know, from a newer peer. */
    OTHER(0),
    /** A frame was malformed, too large, or not expected now. */
    PROTOCOL(1),
    /** The peer speaks another major version. */
    VERSION(2),
    /** The repository cannot take this request now: locked too long, or the point exists. */
    REFUSED(3),
    /** The repository agent could not write or read its storage (a full disk, for example). */
    STORAGE(4);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ErrorCode of(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return OTHER;
    }
}
