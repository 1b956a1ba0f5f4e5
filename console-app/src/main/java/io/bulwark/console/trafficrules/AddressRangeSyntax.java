package io.bulwark.console.trafficrules;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The console's first look at a traffic rule's address range: only the obvious mistakes, so the
 * admin hears of a typo before OK. Whether the range is really valid (and its normal form) is the
 * engine's to say; its answer is shown beside the field.
 */
public final class AddressRangeSyntax {
    public static final String ANY = "any";
    public static final String PUBLIC = "public";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private AddressRangeSyntax() {
    }

    /** What is obviously wrong with the range, or null. An empty range is not judged here. */
    public static String problem(String text, boolean publicAllowed) {
        String range = text == null ? "" : text.strip();
        String lower = range.toLowerCase(Locale.ROOT);
        if (range.isEmpty() || lower.equals(ANY)) {
            return null;
        }
        if (lower.equals(PUBLIC)) {
            return publicAllowed ? null : "'public' is for the target only.";
        }
        int slash = range.indexOf('/');
        if (slash >= 0) {
            String prefix = range.substring(slash + 1);
            if (!address(range.substring(0, slash)) || !prefix.matches("\\d{1,3}")) {
                return "Type a network as ADDRESS/PREFIX, such as 10.0.0.0/24.";
            }
            return null;
        }
        int dash = range.indexOf('-');
        if (dash >= 0) {
            return address(range.substring(0, dash).strip()) && address(range.substring(dash + 1).strip()) ? null
                    : "Type a range as FIRST-LAST, such as 10.0.0.1-10.0.0.50.";
        }
        return address(range) ? null
                : "Type an IP address, a range (FIRST-LAST), a network (ADDRESS/PREFIX) or 'any'.";
    }

    private static boolean address(String text) {
        var ipv4 = IPV4.matcher(text);
        if (ipv4.matches()) {
            for (int part = 1; part <= 4; part++) {
                if (Integer.parseInt(ipv4.group(part)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(text).matches();
    }
}
