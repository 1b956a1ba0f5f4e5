package io.bulwark.console.connection;

import io.bulwark.protocol.ApiPaths;
import java.net.URI;

/** Where an engine listens. Pins and profiles are keyed by it, as {@code host:port}. */
public record EngineAddress(String host, int port) {
    public EngineAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Enter the engine's address: a host name or an IP address.");
        }
        host = host.strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port must be a number from 1 to 65535.");
        }
    }

    /** Reads what a person typed into the address and port fields. */
    public static EngineAddress of(String host, String port) {
        try {
            return new EngineAddress(host, Integer.parseInt(port.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port must be a number from 1 to 65535.", e);
        }
    }

    /** Reads {@code https://HOST:PORT} (the launcher's form); the port defaults to 9392. */
    public static EngineAddress parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url : "https://" + url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is not an engine address like https://HOST:9392.", e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is not an engine address like https://HOST:9392.");
        }
        return new EngineAddress(uri.getHost(), uri.getPort() == -1 ? ApiPaths.DEFAULT_PORT : uri.getPort());
    }

    public URI uri(String path) {
        return URI.create("https://" + this + path);
    }

    /** {@code host:port}, with brackets around an IPv6 address. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
