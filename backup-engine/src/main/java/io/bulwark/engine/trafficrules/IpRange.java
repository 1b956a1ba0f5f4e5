package io.bulwark.engine.trafficrules;

import io.bulwark.engine.entities.IpLiterals;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Locale;

/**
 * An address range of a traffic rule: {@code any}, {@code public} (any public address, targets
 * only), one address, {@code FIRST-LAST}, or a CIDR block. Parsed into its first and last address
 * and written back in one normal form, so equal ranges read alike.
 */
public record IpRange(Kind kind, InetAddress first, InetAddress last) {
    public enum Kind { ANY, PUBLIC, ADDRESSES }

    public static final String ANY = "any";
    public static final String PUBLIC = "public";

    /**
     * @throws IllegalArgumentException with a message that says what a valid range looks like
     */
    public static IpRange parse(String text, boolean publicAllowed) {
        String range = text.strip().toLowerCase(Locale.ROOT);
        if (range.equals(ANY)) {
            return new IpRange(Kind.ANY, null, null);
        }
        if (range.equals(PUBLIC)) {
            if (!publicAllowed) {
                throw new IllegalArgumentException("'public' is allowed for the target range only");
            }
            return new IpRange(Kind.PUBLIC, null, null);
        }
        if (range.contains("/")) {
            return cidr(range);
        }
        if (range.contains("-")) {
            String[] ends = range.split("-", -1);
            if (ends.length != 2) {
                throw invalid();
            }
            InetAddress first = address(ends[0].strip());
            InetAddress last = address(ends[1].strip());
            if (first.getAddress().length != last.getAddress().length) {
                throw new IllegalArgumentException("must not mix IPv4 and IPv6 addresses");
            }
            if (number(first).compareTo(number(last)) > 0) {
                throw new IllegalArgumentException("must start with the lower address");
            }
            return new IpRange(Kind.ADDRESSES, first, last);
        }
        InetAddress single = address(range);
        return new IpRange(Kind.ADDRESSES, single, single);
    }

    /** The normal form: {@code any}, {@code public}, one address, or {@code FIRST-LAST}. */
    public String normalised() {
        return switch (kind) {
            case ANY -> ANY;
            case PUBLIC -> PUBLIC;
            case ADDRESSES -> first.equals(last) ? first.getHostAddress()
                    : first.getHostAddress() + "-" + last.getHostAddress();
        };
    }

    private static IpRange cidr(String range) {
        String[] parts = range.split("/", -1);
        if (parts.length != 2) {
            throw invalid();
        }
        InetAddress base = address(parts[0]);
        int bits = base.getAddress().length * 8;
        int prefix;
        try {
            prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must have a prefix length from 0 to " + bits + " after /");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("must have a prefix length from 0 to " + bits + " after /");
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger network = number(base).andNot(hostMask);
        return new IpRange(Kind.ADDRESSES, address(network, bits), address(network.or(hostMask), bits));
    }

    private static InetAddress address(String text) {
        try {
            return IpLiterals.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static BigInteger number(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    private static InetAddress address(BigInteger number, int bits) {
        byte[] raw = number.toByteArray();
        byte[] bytes = new byte[bits / 8];
        int copy = Math.min(raw.length, bytes.length);
        System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException(
                "must be an address (10.0.0.5), a range (10.0.0.1-10.0.0.50), a CIDR block (10.0.0.0/24) or 'any'");
    }
}
