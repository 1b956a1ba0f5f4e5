package io.bulwark.installer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The standard output of one run of the installer script: {@code key=value} lines, one pair a
 * line, in order. A key may repeat ({@code datastore=}, {@code staged=}, ...), so this is an
 * ordered multimap. Lines that are not pairs are dropped rather than failing the parse: a host's
 * shell may print a stray warning on stdout, and the engine should still read the rest.
 */
public final class InstallerOutput {
    private static final Pattern KEY = Pattern.compile("[a-z0-9_.]+");

    /** One line of output. */
    public record Pair(String key, String value) {
    }

    private final List<Pair> pairs;
    private final Map<String, List<String>> byKey;

    private InstallerOutput(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            map.computeIfAbsent(pair.key(), k -> new ArrayList<>()).add(pair.value());
        }
        map.replaceAll((k, values) -> List.copyOf(values));
        this.byKey = Collections.unmodifiableMap(map);
    }

    /** Parses the script's stdout; never fails, null reads as empty. */
    public static InstallerOutput parse(String stdout) {
        List<Pair> pairs = new ArrayList<>();
        if (stdout != null) {
            for (String line : stdout.split("\n", -1)) {
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                int equals = line.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String key = line.substring(0, equals);
                if (KEY.matcher(key).matches()) {
                    pairs.add(new Pair(key, line.substring(equals + 1)));
                }
            }
        }
        return new InstallerOutput(pairs);
    }

    /** Every pair, in output order. */
    public List<Pair> pairs() {
        return pairs;
    }

    /** Every key with its values, keys in order of first appearance. */
    public Map<String, List<String>> asMap() {
        return byKey;
    }

    public boolean has(String key) {
        return byKey.containsKey(key);
    }

    /** The first value of {@code key}, or null when the key is absent. */
    public String first(String key) {
        List<String> values = byKey.get(key);
        return values == null ? null : values.getFirst();
    }

    /** Every value of {@code key}, in order; empty when absent. */
    public List<String> all(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    /** The message of the failure, or null when the run did not report one. */
    public String error() {
        List<String> errors = byKey.get("error");
        return errors == null ? null : errors.getLast();
    }

    /**
     * A value that carries several lines, such as {@code csr}: the script joins them with the two
     * characters {@code \n} (its values never hold a backslash otherwise). Returns the lines with
     * real newlines and a final newline, or null when the key is absent.
     */
    public String multiline(String key) {
        String value = first(key);
        if (value == null) {
            return null;
        }
        String text = value.replace("\\n", "\n");
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }
}
