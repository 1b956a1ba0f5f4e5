package io.bulwark.agent.nbd;

import java.nio.charset.StandardCharsets;

/** One reply of the server to an option during the handshake. */
record OptionReply(int type, byte[] data) {
    boolean isError() {
        return (type & NbdProtocol.NBD_REP_FLAG_ERROR) != 0;
    }

    /** The server's own words, which the spec lets error replies carry for humans; empty if none. */
    String said() {
        if (data.length == 0) {
            return "";
        }
        return " (the server said: " + new String(data, StandardCharsets.UTF_8).strip() + ")";
    }
}
