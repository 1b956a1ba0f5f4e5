package io.bulwark.agent.remote;

import java.io.IOException;
import io.bulwark.agent.backup.ThisHost;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The agent's own key and its certificate request, in one directory: {@code agent.key} (PKCS#8
 * PEM, unencrypted, owner-only from the moment it exists) and {@code agent.csr} (PKCS#10 PEM,
 * signed by that key). The engine's CA signs the request, so the private key never leaves this
 * host; the certificate it returns goes with {@code agent.key} to {@link TlsMaterial}.
 *
 * <p>Idempotent, so that deployment can run it every time: an existing key is kept and only the
 * request is written again from it.
 */
public final class AgentKeys {
    public static final String KEY_FILE = "agent.key";
    public static final String REQUEST_FILE = "agent.csr";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** The request holds nothing secret; anyone may read it. */
    private static final FileAttribute<Set<PosixFilePermission>> PUBLIC_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--"));

    private final Path directory;

    public AgentKeys(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** What {@link #prepare} left in the directory, and whether the key is new. */
    public record Prepared(Path key, Path request, boolean keyMade) {
    }

    public Path keyFile() {
        return directory.resolve(KEY_FILE);
    }

    public Path requestFile() {
        return directory.resolve(REQUEST_FILE);
    }

    /**
     * Makes the key if there is none (EC P-256), then writes the request for it.
     *
     * @param commonName the CN the request asks for; the engine replaces it with the server's
     *     name anyway, so it only helps a person reading the request. Null for this host's name.
     */
    public Prepared prepare(String commonName) throws IOException {
        String name = commonName == null ? ThisHost.name() : commonName.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("The name for the certificate request is blank; leave it out to use "
                    + "this host's name.");
        }
        requirePosix();
        Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
        Path keyFile = keyFile();
        KeyPair keys;
        boolean made = !Files.exists(keyFile);
        if (made) {
            keys = newKeyPair();
            writeKey(keyFile, keys);
        } else {
            keys = existingKeyPair(keyFile);
        }
        writeAtomically(requestFile(), request(keys, name), PUBLIC_FILE);
        return new Prepared(keyFile, requestFile(), made);
    }

    private void requirePosix() throws IOException {
        Path existing = directory;
        while (existing.getParent() != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!existing.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            throw new IOException("The file system of " + directory + " has no POSIX permissions, so " + KEY_FILE
                    + " could not be kept private. Choose a directory on a Linux file system.");
        }
    }

    private static KeyPair newKeyPair() throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("This Java runtime cannot make EC P-256 keys: " + e.getMessage(), e);
        }
    }

    private static void writeKey(Path keyFile, KeyPair keys) throws IOException {
        byte[] pem = pem("PRIVATE KEY", PrivateKeys.pkcs8(keys));
        // The temporary file is owner-only from its creation, and the rename makes the key appear
        // whole: a keygen killed half-way leaves no truncated agent.key for the next run to keep.
        writeAtomically(keyFile, pem, OWNER_ONLY_FILE);
    }

    private static KeyPair existingKeyPair(Path keyFile) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
        if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
            throw new IOException("The key file " + keyFile + " can be read or changed by other users ("
                    + PosixFilePermissions.toString(permissions) + "). Make it private (chmod 600 " + keyFile
                    + ") and run keygen again, or delete it to make a new key.");
        }
        PrivateKey key = PemFiles.privateKey(keyFile);
        try {
            return new KeyPair(PrivateKeys.publicKey(key), key);
        } catch (GeneralSecurityException e) {
            throw new IOException("The key file " + keyFile + " holds " + e.getMessage() + ". Delete it and run keygen "
                    + "again to make an EC P-256 key.", e);
        }
    }

    private static byte[] request(KeyPair keys, String commonName) throws IOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        PublicKey publicKey = keys.getPublic();
        String algorithm = "EC".equals(publicKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            return pem("CERTIFICATE REQUEST", new JcaPKCS10CertificationRequestBuilder(subject, publicKey)
                    .build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())).getEncoded());
        } catch (OperatorCreationException e) {
            throw new IOException("Cannot sign the certificate request with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static void writeAtomically(Path file, byte[] content, FileAttribute<Set<PosixFilePermission>> permissions)
            throws IOException {
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp", permissions);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String text = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
