package io.bulwark.installer.bundle;

import io.bulwark.installer.BundleManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the agent bundle the installer pushes to managed hosts: a Java runtime image made with
 * jlink (so hosts need no Java), the agent jar, its MANIFEST of SHA-256 hashes, and VERSION. The
 * build runs it in the installer module's package phase.
 *
 * <p>VERSION is the product version plus the first twelve hex digits of the MANIFEST's hash, so
 * any change to any file is a new version, which the engine offers as an upgrade.
 */
public final class AgentBundleBuilder {
    /** What the agent uses of the JDK; jdeps on the shaded jar gives java.base, java.naming, java.sql, jdk.unsupported. */
    static final RuntimeImage RUNTIME = new RuntimeImage(List.of("java.base", "java.logging", "java.management",
            "java.naming", "java.sql", "jdk.crypto.ec", "jdk.unsupported"), List.of());

    private AgentBundleBuilder() {
    }

    /** Arguments: the shaded agent jar, the bundle folder to make, the product version. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: AgentBundleBuilder AGENT_JAR OUTPUT_DIR VERSION");
        }
        Path bundle = build(Path.of(args[0]), Path.of(args[1]), args[2]);
        System.out.println("Agent bundle " + Files.readString(bundle.resolve(BundleManifest.VERSION_FILE_NAME)).strip()
                + " in " + bundle);
    }

    public static Path build(Path agentJar, Path bundle, String productVersion) throws IOException {
        if (!Files.isRegularFile(agentJar)) {
            throw new IOException("The agent jar " + agentJar + " is missing: build proxy-agent first.");
        }
        Files.createDirectories(bundle.resolve("lib"));
        RUNTIME.linkInto(bundle.resolve("runtime"), bundle.resolveSibling(bundle.getFileName() + ".runtime-stamp"));
        Files.copy(agentJar, bundle.resolve("lib/bulwark-agent.jar"), StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(bundle.resolve(BundleManifest.VERSION_FILE_NAME));
        Files.deleteIfExists(bundle.resolve(BundleManifest.FILE_NAME));
        Files.writeString(bundle.resolve("ARCHITECTURE"), RuntimeImage.ARCHITECTURE + "\n", StandardCharsets.UTF_8);
        String manifest = BundleManifest.scan(bundle).format();
        Files.writeString(bundle.resolve(BundleManifest.FILE_NAME), manifest, StandardCharsets.UTF_8);
        Files.writeString(bundle.resolve(BundleManifest.VERSION_FILE_NAME),
                productVersion + "+" + sha256(manifest).substring(0, 12) + "\n", StandardCharsets.UTF_8);
        return bundle;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
