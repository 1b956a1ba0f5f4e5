package io.bulwark.agent.blocks;

/**
 * A block ready for a pack: compressed (or not) and encrypted. {@code stored[0, storedLength)} is
 * the nonce, the ciphertext and the tag, exactly as it is written after its pack record header.
 */
public record SealedBlob(Fingerprint fingerprint, Codec codec, int rawLength, byte[] stored, int storedLength) {
}
