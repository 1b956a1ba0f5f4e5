package io.bulwark.console.servers;

import java.util.regex.Pattern;

/**
 * Whether what an admin typed can be a host's address: a DNS name, an IPv4 or an IPv6 address.
 * Only the form; whether it answers is the host key page's business.
 */
final class HostNames {
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");

    private HostNames() {
    }

    /** Why {@code address} cannot be a host's address, or empty when it can. */
    static String problem(String address) {
        String given = address == null ? "" : address.strip();
        if (given.isEmpty()) {
            return "Enter the server's DNS name or IP address.";
        }
        var ipv4 = IPV4.matcher(given);
        if (ipv4.matches()) {
            for (int part = 1; part <= 4; part++) {
                if (Integer.parseInt(ipv4.group(part)) > 255) {
                    return "'" + given + "' is not an IPv4 address: each part must be from 0 to 255.";
                }
            }
            return "";
        }
        if (given.contains(":") ? IPV6.matcher(given).matches() : DNS_NAME.matcher(given).matches()
                && !given.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
            return "";
        }
        return "'" + given + "' is neither a DNS name nor an IP address.";
    }
}
