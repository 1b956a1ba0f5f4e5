package io.bulwark.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The MANIFEST of an agent bundle: one line {@code <sha256>  <relative path>} per file, as
 * {@code sha256sum} prints them. The installer script checks the staged files against it, and the
 * engine compares it with what a host reports to upload only the files a host lacks.
 *
 * <p>The rules on paths are the script's own, so that a manifest this class accepts is one the
 * script installs: relative, no {@code .} or {@code ..} components (the script runs as root and
 * must not write outside the bundle), and none of the names the installer keeps for itself.
 *
 * @param entries the files, in manifest order, each path once
 */
public record BundleManifest(List<Entry> entries) {
    /** The name of the manifest file, in the staging directory and in the installed bundle. */
    public static final String FILE_NAME = "MANIFEST";
    /** The file the installer writes the version into; no bundle file may have its name. */
    public static final String VERSION_FILE_NAME = "VERSION";
    /** The suffix of a file still being uploaded; the installer reports those as partial. */
    public static final String PARTIAL_SUFFIX = ".part";

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /**
     * One file of the bundle.
     *
     * @param sha256 lowercase hex SHA-256 of the content
     * @param path   the path relative to the bundle directory, with {@code /} separators
     */
    public record Entry(String sha256, String path) {
        public Entry {
            if (sha256 == null || !SHA256.matcher(sha256).matches()) {
                throw new IllegalArgumentException("not a lowercase hex SHA-256: " + sha256);
            }
            if (!isSafePath(path)) {
                throw new IllegalArgumentException("not a safe relative path: " + path);
            }
        }

        /** The entry on a line of {@code sha256sum} output, or null when the line is not one. */
        public static Entry parse(String line) {
            if (line == null || line.length() < 67 || line.charAt(64) != ' ') {
                return null;
            }
            char mode = line.charAt(65);
            if (mode != ' ' && mode != '*') {
                return null;
            }
            String sha = line.substring(0, 64);
            String path = line.substring(66);
            if (!SHA256.matcher(sha).matches() || !isSafePath(path)) {
                return null;
            }
            return new Entry(sha, path);
        }

        /** The line for a MANIFEST, without its newline. */
        public String format() {
            return sha256 + "  " + path;
        }
    }

    public BundleManifest {
        entries = List.copyOf(entries);
        Set<String> seen = new HashSet<>();
        for (Entry entry : entries) {
            if (!isBundlePath(entry.path())) {
                throw new IllegalArgumentException("the installer keeps the name " + entry.path()
                        + " for itself: a bundle file may not have it");
            }
            if (!seen.add(entry.path())) {
                throw new IllegalArgumentException("the manifest lists " + entry.path() + " twice");
            }
        }
    }

    /**
     * Parses a MANIFEST. Blank lines are skipped; any other line that is not a valid entry fails
     * the parse with its line number, since installing part of a bundle is worse than none.
     */
    public static BundleManifest parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            Entry entry = Entry.parse(line);
            if (entry == null) {
                throw new IllegalArgumentException("MANIFEST line " + (i + 1)
                        + " is not '<sha256>  <safe relative path>': " + line);
            }
            entries.add(entry);
        }
        return new BundleManifest(entries);
    }

    /**
     * The manifest of a bundle directory: every regular file below it, sorted by path, except a
     * top-level MANIFEST and VERSION, which describe the bundle rather than belong to it (so an
     * installed bundle or a staging directory scans to its own manifest). Fails when a file's name
     * could not be installed (see {@link #isBundlePath}).
     */
    public static BundleManifest scan(Path bundleDirectory) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(bundleDirectory)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            String path = bundleDirectory.relativize(file).toString().replace('\\', '/');
            if (!path.equals(FILE_NAME) && !path.equals(VERSION_FILE_NAME)) {
                entries.add(new Entry(sha256Of(file), path));
            }
        }
        entries.sort((a, b) -> a.path().compareTo(b.path()));
        return new BundleManifest(entries);
    }

    /** The lowercase hex SHA-256 of a file's content. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The MANIFEST text, each line ending in a newline. */
    public String format() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : entries) {
            text.append(entry.format()).append('\n');
        }
        return text.toString();
    }

    /** Path to SHA-256, in manifest order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (Entry entry : entries) {
            map.put(entry.path(), entry.sha256());
        }
        return map;
    }

    /**
     * The entries that none of {@code present} holds with the same hash: what must be uploaded.
     * Pass what a host reported, typically the staged files and the installed ones.
     */
    @SafeVarargs
    public final List<Entry> missingFrom(Map<String, String>... present) {
        List<Entry> missing = new ArrayList<>();
        for (Entry entry : entries) {
            boolean found = false;
            for (Map<String, String> files : present) {
                if (files != null && entry.sha256().equals(files.get(entry.path()))) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                missing.add(entry);
            }
        }
        return missing;
    }

    /**
     * Whether {@code path} is relative and stays inside its directory: not empty, no leading or
     * trailing {@code /}, no empty, {@code .} or {@code ..} component, no backslash, no control
     * character, no leading or trailing blank.
     */
    public static boolean isSafePath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")
                || path.contains("\\") || Character.isWhitespace(path.charAt(0))
                || Character.isWhitespace(path.charAt(path.length() - 1))) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty() || component.equals(".") || component.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Whether a bundle file may have this path: safe, and not a name the installer uses itself. */
    public static boolean isBundlePath(String path) {
        return isSafePath(path) && !path.equals(FILE_NAME) && !path.equals(VERSION_FILE_NAME)
                && !path.endsWith(PARTIAL_SUFFIX);
    }
}
