package io.bulwark.agent.blocks;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Turns blocks into sealed blobs and back. Sealing compresses (LZ4, or LZ4 HC), keeps the result
 * only when it saves at least {@link #MIN_SAVING_DIVISOR 1/32} of the block, then encrypts with the
 * JDK's AES-256-GCM (Bouncy Castle's is pure Java and twenty times slower). The fingerprint, the
 * codec and the raw length are authenticated with the blob, so a blob cannot be passed off as
 * another block, and a damaged one is refused rather than returned.
 *
 * <p>Not thread-safe: one per worker thread. It keeps its scratch buffers between blocks.
 */
public final class BlockCodec {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    public static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;
    static final int MIN_SAVING_DIVISOR = 32;
    private static final int AAD_BYTES = Fingerprint.BYTES + 1 + 4;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

    private final SecretKey key;
    private final Cipher cipher;
    private final SecureRandom random = new SecureRandom();
    private final LZ4Compressor fast = LZ4.fastCompressor();
    private final LZ4Compressor high = LZ4.highCompressor();
    private final LZ4SafeDecompressor decompressor = LZ4.safeDecompressor();
    private final ByteBuffer aad = ByteBuffer.allocate(AAD_BYTES);
    private byte[] scratch = new byte[0];

    public BlockCodec(SecretKey encryptionKey) {
        this.key = encryptionKey;
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JDK", e);
        }
    }

    /** The largest {@code stored} array a block of {@code blockSize} bytes can need. */
    public static int maxStoredLength(int blockSize) {
        return Math.max(blockSize, LZ4.fastCompressor().maxCompressedLength(blockSize)) + OVERHEAD;
    }

    /**
     * Seals {@code block[offset, offset + length)} into {@code target} (at least
     * {@link #maxStoredLength} long), which the returned blob then owns.
     */
    public SealedBlob seal(Fingerprint fingerprint, byte[] block, int offset, int length, Compression compression,
                           byte[] target) {
        Codec codec = Codec.RAW;
        byte[] payload = block;
        int payloadOffset = offset;
        int payloadLength = length;
        if (compression != Compression.NONE) {
            LZ4Compressor compressor = compression == Compression.HIGH ? high : fast;
            byte[] compressed = scratch(compressor.maxCompressedLength(length));
            int compressedLength = compressor.compress(block, offset, length, compressed, 0, compressed.length);
            if (compressedLength <= length - length / MIN_SAVING_DIVISOR) {
                codec = compression == Compression.HIGH ? Codec.LZ4_HC : Codec.LZ4;
                payload = compressed;
                payloadOffset = 0;
                payloadLength = compressedLength;
            }
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, target, 0, NONCE_BYTES);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(aad(fingerprint, codec, length));
            int sealed = cipher.doFinal(payload, payloadOffset, payloadLength, target, NONCE_BYTES);
            return new SealedBlob(fingerprint, codec, length, target, NONCE_BYTES + sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Opens a stored blob into {@code target} and returns its raw length.
     *
     * @throws DamagedBlobException when the blob fails authentication or does not decode to its length
     */
    public int open(Fingerprint fingerprint, Codec codec, int rawLength, byte[] stored, int storedOffset,
                    int storedLength, byte[] target) throws DamagedBlobException {
        if (storedLength < OVERHEAD || rawLength > target.length) {
            throw new DamagedBlobException("its stored length " + storedLength + " cannot hold a block of " + rawLength + " bytes");
        }
        byte[] plain = codec == Codec.RAW ? target : scratch(storedLength);
        int plainLength;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, stored, storedOffset, NONCE_BYTES));
            cipher.updateAAD(aad(fingerprint, codec, rawLength));
            plainLength = cipher.doFinal(stored, storedOffset + NONCE_BYTES, storedLength - NONCE_BYTES, plain, 0);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new DamagedBlobException("it fails authentication (changed on disk, or not the block it claims to be)");
        } catch (GeneralSecurityException e) {
            throw new DamagedBlobException("it cannot be decrypted: " + e.getMessage());
        }
        if (codec == Codec.RAW) {
            if (plainLength != rawLength) {
                throw new DamagedBlobException("it holds " + plainLength + " bytes instead of " + rawLength);
            }
            return rawLength;
        }
        try {
            int decoded = decompressor.decompress(plain, 0, plainLength, target, 0, rawLength);
            if (decoded != rawLength) {
                throw new DamagedBlobException("it decompresses to " + decoded + " bytes instead of " + rawLength);
            }
            return decoded;
        } catch (LZ4Exception e) {
            throw new DamagedBlobException("it does not decompress: " + e.getMessage());
        }
    }

    private byte[] aad(Fingerprint fingerprint, Codec codec, int rawLength) {
        aad.clear();
        fingerprint.write(aad);
        aad.put((byte) codec.code()).putInt(rawLength);
        return aad.array();
    }

    private byte[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new byte[length];
        }
        return scratch;
    }

    /** A stored blob is not what it should be. */
    public static final class DamagedBlobException extends Exception {
        public DamagedBlobException(String reason) {
            super(reason);
        }
    }
}
