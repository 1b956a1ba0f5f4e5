package io.bulwark.agent.nbd;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Where an NBD export is: {@code nbd://HOST[:PORT]/EXPORT}, {@code nbds://HOST[:PORT]/EXPORT} (TLS
 * required) or {@code nbd+unix:///EXPORT?socket=/path}, as in the NBD URI specification. The
 * export name is the path without its leading slash, percent-decoded; it may be empty (the
 * server's default export).
 *
 * <p>A URI never carries secrets: user info is refused, and TLS material is given apart in
 * {@link NbdTls}. {@link #toString()} is therefore safe for logs and restore points.
 *
 * @param host       the host name or IP literal (without brackets); null for a Unix socket
 * @param port       the TCP port; 0 for a Unix socket
 * @param socket     the Unix domain socket; null for TCP
 * @param exportName the export, possibly empty
 * @param tls        whether the connection must be upgraded to TLS before anything else is said
 */
public record NbdUri(String host, int port, Path socket, String exportName, boolean tls) {
    public NbdUri {
        Objects.requireNonNull(exportName, "exportName");
        if (socket == null) {
            if (host == null || host.isEmpty()) {
                throw new IllegalArgumentException("An NBD URI over TCP needs a host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("The NBD port " + port + " is not between 1 and 65535");
            }
        } else {
            if (host != null || port != 0) {
                throw new IllegalArgumentException("An NBD URI over a Unix socket has no host or port");
            }
            if (tls) {
                throw new IllegalArgumentException("TLS over a Unix socket (nbds+unix://) is not supported");
            }
        }
    }

    /** An export over plain TCP. */
    public static NbdUri tcp(String host, int port, String exportName) {
        return new NbdUri(host, port, null, exportName, false);
    }

    /** An export over TCP upgraded to TLS. */
    public static NbdUri tls(String host, int port, String exportName) {
        return new NbdUri(host, port, null, exportName, true);
    }

    /** An export over a Unix domain socket. */
    public static NbdUri unix(Path socket, String exportName) {
        return new NbdUri(null, 0, socket, exportName, false);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException with a message saying what is wrong, for an admin who typed it
     */
    public static NbdUri parse(String text) {
        Objects.requireNonNull(text, "text");
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            throw invalid(text, "it does not start with nbd://, nbds:// or nbd+unix://");
        }
        String scheme = text.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
        String rest = text.substring(schemeEnd + 3);
        if (rest.indexOf('#') >= 0) {
            throw invalid(text, "NBD URIs have no fragment (#)");
        }
        String query = null;
        int queryStart = rest.indexOf('?');
        if (queryStart >= 0) {
            query = rest.substring(queryStart + 1);
            rest = rest.substring(0, queryStart);
        }
        int pathStart = rest.indexOf('/');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        String exportName = pathStart < 0 ? "" : decode(text, rest.substring(pathStart + 1));
        return switch (scheme) {
            case "nbd", "nbds" -> {
                if (query != null) {
                    throw invalid(text, "query parameters are only understood for nbd+unix:// (?socket=)");
                }
                yield parseTcp(text, authority, exportName, scheme.equals("nbds"));
            }
            case "nbd+unix" -> {
                if (!authority.isEmpty()) {
                    throw invalid(text, "nbd+unix:// takes no host: write nbd+unix:///EXPORT?socket=/path");
                }
                yield unix(Path.of(socketParameter(text, query)), exportName);
            }
            case "nbds+unix" -> throw invalid(text, "TLS over a Unix socket is not supported; use nbd+unix://");
            default -> throw invalid(text, "the scheme " + scheme + " is not one of nbd, nbds, nbd+unix");
        };
    }

    public boolean isUnixSocket() {
        return socket != null;
    }

    /** The URI in its canonical text form, port included; it holds no secrets. */
    @Override
    public String toString() {
        if (socket != null) {
            return "nbd+unix:///" + encode(exportName) + "?socket=" + encode(socket.toString());
        }
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (tls ? "nbds://" : "nbd://") + hostPart + ":" + port + "/" + encode(exportName);
    }

    private static NbdUri parseTcp(String text, String authority, String exportName, boolean tls) {
        if (authority.indexOf('@') >= 0) {
            throw invalid(text, "NBD URIs must not carry user names or passwords; give TLS certificates apart");
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(text, "the IPv6 address has no closing ]");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(text, "only :PORT may follow the IPv6 address");
                }
                portText = after.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(text, "it names no host");
        }
        int port = NbdProtocol.DEFAULT_PORT;
        if (portText != null && !portText.isEmpty()) {
            if (!portText.chars().allMatch(c -> c >= '0' && c <= '9') || portText.length() > 5) {
                throw invalid(text, "the port " + portText + " is not a number");
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw invalid(text, "the port " + port + " is not between 1 and 65535");
            }
        }
        return new NbdUri(host, port, null, exportName, tls);
    }

    private static String socketParameter(String text, String query) {
        String socket = null;
        if (query != null && !query.isEmpty()) {
            for (String parameter : query.split("&", -1)) {
                int equals = parameter.indexOf('=');
                String name = equals < 0 ? parameter : parameter.substring(0, equals);
                if (!name.equals("socket")) {
                    throw invalid(text, "the parameter '" + name + "' is not understood; only socket= is");
                }
                socket = decode(text, parameter.substring(equals + 1));
            }
        }
        if (socket == null || socket.isEmpty()) {
            throw invalid(text, "nbd+unix:// needs the socket path: nbd+unix:///EXPORT?socket=/path");
        }
        return socket;
    }

    private static String decode(String text, String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length() || !HexFormat.isHexDigit(encoded.charAt(i + 1))
                        || !HexFormat.isHexDigit(encoded.charAt(i + 2))) {
                    throw invalid(text, "a % is not followed by two hexadecimal digits");
                }
                bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Percent-encodes all but RFC 3986 unreserved characters and the slash. */
    private static String encode(String decoded) {
        StringBuilder out = new StringBuilder(decoded.length());
        for (byte b : decoded.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
            if (plain) {
                out.append(c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a usable NBD URI: " + why + ".");
    }
}
