package io.bulwark.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The installer service: one POSIX sh script, shipped inside this jar, that the engine uploads to
 * a managed host and runs over SSH. It is a script rather than Java because the host has no Java
 * until the script has installed the agent's runtime.
 *
 * <p>The engine compares {@link #sha256()} with the hash of the copy already on a host to skip
 * uploading it again.
 */
public final class InstallerScript {
    /** The name the script has on a host, in the staging directory. */
    public static final String FILE_NAME = "bulwark-installer.sh";

    private InstallerScript() {
    }

    /** The script's bytes, a fresh copy each time. */
    public static byte[] bytes() {
        return Loaded.BYTES.clone();
    }

    /** The script as text (it is UTF-8, in practice ASCII). */
    public static String text() {
        return new String(Loaded.BYTES, StandardCharsets.UTF_8);
    }

    /** The lowercase hex SHA-256 of {@link #bytes()}, as {@code sha256sum} prints it on a host. */
    public static String sha256() {
        return Loaded.SHA256;
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Loaded on first use: most users of this package never need the script itself. */
    private static final class Loaded {
        static final byte[] BYTES = load();
        static final String SHA256 = sha256Hex(BYTES);

        private static byte[] load() {
            try (InputStream in = InstallerScript.class.getResourceAsStream(FILE_NAME)) {
                if (in == null) {
                    throw new IllegalStateException("the installer script " + FILE_NAME
                            + " is missing from the classpath: the bulwark-installer jar is incomplete");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the installer script from the classpath", e);
            }
        }
    }
}
