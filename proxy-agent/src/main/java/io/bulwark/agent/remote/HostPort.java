package io.bulwark.agent.remote;

/**
 * A host and a TCP port: where a repository agent listens, and what a proxy dials. The host is a
 * DNS name or an IP literal (IPv6 in brackets: {@code [::1]:6200}). The proxy checks that the
 * agent's certificate names exactly this host.
 */
public record HostPort(String host, int port) {
    /** How a repository served by an agent is named on the command line: {@code bulwark://HOST:PORT}. */
    public static final String SCHEME = "bulwark://";

    public HostPort {
        if (host.isBlank()) {
            throw new IllegalArgumentException("The host is missing.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port must be between 1 and 65535, not " + port + ".");
        }
    }

    public static boolean isRepositoryUri(String repository) {
        return repository.startsWith(SCHEME);
    }

    /** The agent a {@code bulwark://HOST:PORT} repository names. */
    public static HostPort fromRepositoryUri(String uri) {
        if (!isRepositoryUri(uri)) {
            throw new IllegalArgumentException(uri + " is not a repository agent's address (bulwark://HOST:PORT).");
        }
        String rest = uri.substring(SCHEME.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        if (rest.contains("/") || rest.contains("?")) {
            throw new IllegalArgumentException("A repository agent's address is bulwark://HOST:PORT, without a path: " + uri);
        }
        return parse(rest);
    }

    /** Parses {@code HOST:PORT} or {@code [IPv6]:PORT}. */
    public static HostPort parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + text + "' is not [IPv6 address]:PORT.");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "' is not HOST:PORT (an IPv6 address goes in brackets: [::1]:PORT).");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        try {
            return new HostPort(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + port + "' in '" + text + "' is not a port number.");
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
