package io.bulwark.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for servers the tests start. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * A port nothing listens on right now. Another process could take it before the server does;
     * the servers' start-up fails clearly then, and on a test machine that is rare enough.
     */
    public static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
