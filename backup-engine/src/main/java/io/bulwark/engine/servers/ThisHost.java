package io.bulwark.engine.servers;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The engine's own host, as it names itself. */
public final class ThisHost {
    private ThisHost() {
    }

    public static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
