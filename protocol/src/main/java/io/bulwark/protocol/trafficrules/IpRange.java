package io.bulwark.protocol.trafficrules;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An address range of a traffic rule: {@code any}, {@code public} (any public address, targets
 * only), one address, {@code FIRST-LAST}, or a CIDR block. Parsed into its first and last address
 * and written back in one normal form, so equal ranges read alike. The engine validates rules with
 * it and the agents match their connections' addresses with it, so both read a range alike.
 */
public record IpRange(Kind kind, InetAddress first, InetAddress last) {
    public enum Kind { ANY, PUBLIC, ADDRESSES }

    public static final String ANY = "any";
    public static final String PUBLIC = "public";

    /**
     * IPv4 must be the full dotted quad: the JDK also takes BSD shorthand ({@code 10.0.0} for
     * 10.0.0.0), which from a person is far more often a typo than a wish.
     */
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Blocks that are not public, IPv4: private, loopback, link-local, CGNAT, multicast, "this network". */
    private static final IpRange[] NOT_PUBLIC_V4 = {
            parse("10.0.0.0/8", false), parse("172.16.0.0/12", false), parse("192.168.0.0/16", false),
            parse("127.0.0.0/8", false), parse("169.254.0.0/16", false), parse("100.64.0.0/10", false),
            parse("224.0.0.0/4", false), parse("0.0.0.0/8", false), parse("255.255.255.255", false),
    };
    /** IPv6: unique local, loopback, link-local, multicast, unspecified. */
    private static final IpRange[] NOT_PUBLIC_V6 = {
            parse("fc00::/7", false), parse("::1", false), parse("fe80::/10", false), parse("ff00::/8", false),
            parse("::", false),
    };

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

    /**
     * Whether {@code address} is in this range. An IPv4 address never matches an IPv6 range nor the
     * reverse, except that an IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.5}) is taken as the
     * IPv4 address it carries, as a dual-stack socket may report it either way.
     */
    public boolean matches(InetAddress address) {
        InetAddress plain = unmapped(address);
        return switch (kind) {
            case ANY -> true;
            case PUBLIC -> isPublic(plain);
            case ADDRESSES -> within(plain);
        };
    }

    /**
     * A public address: neither private (RFC 1918, IPv6 unique local), loopback, link-local,
     * carrier-grade NAT (100.64.0.0/10), multicast nor unspecified.
     */
    public static boolean isPublic(InetAddress address) {
        InetAddress plain = unmapped(address);
        for (IpRange block : plain.getAddress().length == 4 ? NOT_PUBLIC_V4 : NOT_PUBLIC_V6) {
            if (block.within(plain)) {
                return false;
            }
        }
        return true;
    }

    private boolean within(InetAddress address) {
        if (address.getAddress().length != first.getAddress().length) {
            return false;
        }
        BigInteger value = number(address);
        return value.compareTo(number(first)) >= 0 && value.compareTo(number(last)) <= 0;
    }

    private static InetAddress unmapped(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return address;
            }
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return address;
        }
        byte[] v4 = {bytes[12], bytes[13], bytes[14], bytes[15]};
        try {
            return InetAddress.getByAddress(v4);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
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

    /** An IP literal as an admin types it; never a DNS lookup. */
    private static InetAddress address(String text) {
        if (!text.contains(":") && !DOTTED_QUAD.matcher(text).matches()) {
            throw invalid();
        }
        try {
            return InetAddress.ofLiteral(text);
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
