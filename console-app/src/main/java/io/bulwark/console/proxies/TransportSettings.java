package io.bulwark.console.proxies;

import io.bulwark.protocol.proxies.TransportMode;

/** What the transport mode dialog chooses. */
public record TransportSettings(TransportMode mode, boolean failoverToNetwork, boolean hostToProxyEncryption) {
    /** Automatic selection, falling back to network mode; no encryption of the host's network traffic. */
    public static final TransportSettings DEFAULTS = new TransportSettings(TransportMode.AUTOMATIC, true, false);
}
