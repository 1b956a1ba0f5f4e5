package io.bulwark.engine.entities;

import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * IP address literals as admins type them. IPv4 must be the full dotted quad: the JDK also takes
 * BSD shorthand ({@code 10.0.0} for 10.0.0.0), which from a person is far more often a typo than
 * a wish. No DNS lookup is ever made.
 */
public final class IpLiterals {
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private IpLiterals() {
    }

    /** @throws IllegalArgumentException when {@code text} is not an IPv4 or IPv6 address literal */
    public static InetAddress parse(String text) {
        if (!text.contains(":") && !DOTTED_QUAD.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        return InetAddress.ofLiteral(text);
    }

    public static boolean valid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
