package io.bulwark.agent.blocks;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Computes fingerprints. The key is the repository's, so equal blocks have equal fingerprints
 * within a repository, and the fingerprints tell nobody without the key anything about the
 * content. Not thread-safe: one per worker thread.
 */
public final class Fingerprinter {
    private final Mac mac;
    private final byte[] digest = new byte[Fingerprint.BYTES];

    public Fingerprinter(SecretKey fingerprintKey) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(fingerprintKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    public Fingerprint of(byte[] block, int offset, int length) {
        mac.update(block, offset, length);
        try {
            mac.doFinal(digest, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        Fingerprint fingerprint = Fingerprint.of(digest, 0);
        // An HMAC of all zero bits is as likely as guessing the key; the reserved value must still never be produced.
        if (fingerprint.isZeroBlock()) {
            throw new IllegalStateException("HMAC produced the reserved all-zero fingerprint");
        }
        return fingerprint;
    }
}
