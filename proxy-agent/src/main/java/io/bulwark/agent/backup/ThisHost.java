package io.bulwark.agent.backup;

import java.io.IOException;
import java.net.InetAddress;

/** The name of the host a backup runs on, as restore points record it. */
public final class ThisHost {
    private ThisHost() {
    }

    public static String name() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
