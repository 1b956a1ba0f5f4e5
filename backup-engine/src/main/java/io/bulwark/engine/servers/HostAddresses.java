package io.bulwark.engine.servers;

import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.IpLiterals;
import java.util.regex.Pattern;

/** What may name a managed server: a DNS name or an IP address literal. Checked without any DNS lookup. */
public final class HostAddresses {
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4_SHAPE = Pattern.compile("[0-9.]+");

    private HostAddresses() {
    }

    /** Reads a required address field into {@code errors}: present, not too long, a DNS name or an IP address. */
    public static String field(FieldErrors errors, String field, String address) {
        String given = errors.name(field, address, 255);
        if (given != null && !errors.has(field) && !valid(given)) {
            errors.add(field, "must be a DNS name or an IP address");
        }
        return given;
    }

    /** {@code host:port} as people and URLs write it: an IPv6 literal in brackets. */
    public static String endpoint(String address, int port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    public static boolean valid(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        if (address.contains(":") || IPV4_SHAPE.matcher(address).matches()) {
            return IpLiterals.valid(address);
        }
        return DNS_NAME.matcher(address).matches();
    }
}
