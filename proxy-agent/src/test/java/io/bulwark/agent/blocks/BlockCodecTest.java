package io.bulwark.agent.blocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class BlockCodecTest {
    private static final SecretKeySpec KEY = new SecretKeySpec(new byte[32], "AES");
    private static final Fingerprint FINGERPRINT = new Fingerprint(1, 2, 3, 4);

    private final BlockCodec codec = new BlockCodec(KEY);

    @ParameterizedTest
    @EnumSource(Compression.class)
    void sealsAndOpensBackExactly(Compression compression) throws Exception {
        byte[] text = "2026-11-24 12:00:01 INFO request served in 12 ms\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        byte[] block = Arrays.copyOf(text, 1 << 20);
        SealedBlob blob = codec.seal(FINGERPRINT, block, 0, block.length, compression, new byte[BlockCodec.maxStoredLength(1 << 20)]);
        assertThat(blob.codec()).isEqualTo(switch (compression) {
            case NONE -> Codec.RAW;
            case OPTIMAL -> Codec.LZ4;
            case HIGH -> Codec.LZ4_HC;
        });
        if (compression != Compression.NONE) {
            assertThat(blob.storedLength()).isLessThan(block.length / 10);
        }
        byte[] back = new byte[1 << 20];
        assertThat(codec.open(FINGERPRINT, blob.codec(), blob.rawLength(), blob.stored(), 0, blob.storedLength(), back))
                .isEqualTo(block.length);
        assertThat(back).isEqualTo(block);
    }

    @Test
    void keepsIncompressibleBlocksRawAndSealsFromAnOffset() throws Exception {
        byte[] batch = new byte[3 << 16];
        new Random(7).nextBytes(batch);
        SealedBlob blob = codec.seal(FINGERPRINT, batch, 1 << 16, 1 << 16, Compression.OPTIMAL, new byte[BlockCodec.maxStoredLength(1 << 16)]);
        assertThat(blob.codec()).isEqualTo(Codec.RAW);
        assertThat(blob.storedLength()).isEqualTo((1 << 16) + BlockCodec.OVERHEAD);
        byte[] back = new byte[1 << 16];
        codec.open(FINGERPRINT, blob.codec(), blob.rawLength(), blob.stored(), 0, blob.storedLength(), back);
        assertThat(back).isEqualTo(Arrays.copyOfRange(batch, 1 << 16, 2 << 16));
    }

    @Test
    void refusesAFlippedBitAnotherFingerprintAndAnotherKey() {
        byte[] block = "some block".repeat(100).getBytes(StandardCharsets.US_ASCII);
        SealedBlob blob = codec.seal(FINGERPRINT, block, 0, block.length, Compression.OPTIMAL, new byte[BlockCodec.maxStoredLength(block.length)]);
        byte[] back = new byte[block.length];

        byte[] flipped = blob.stored().clone();
        flipped[BlockCodec.NONCE_BYTES + 3] ^= 0x10;
        assertThatThrownBy(() -> codec.open(FINGERPRINT, blob.codec(), blob.rawLength(), flipped, 0, blob.storedLength(), back))
                .isInstanceOf(BlockCodec.DamagedBlobException.class).hasMessageContaining("fails authentication");
        assertThatThrownBy(() -> codec.open(new Fingerprint(9, 9, 9, 9), blob.codec(), blob.rawLength(), blob.stored(), 0,
                blob.storedLength(), back)).isInstanceOf(BlockCodec.DamagedBlobException.class);
        assertThatThrownBy(() -> codec.open(FINGERPRINT, Codec.RAW, blob.rawLength(), blob.stored(), 0, blob.storedLength(), back))
                .as("the codec is authenticated too").isInstanceOf(BlockCodec.DamagedBlobException.class);
        BlockCodec otherKey = new BlockCodec(new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
                15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "AES"));
        assertThatThrownBy(() -> otherKey.open(FINGERPRINT, blob.codec(), blob.rawLength(), blob.stored(), 0, blob.storedLength(), back))
                .isInstanceOf(BlockCodec.DamagedBlobException.class);
    }

    @Test
    void fingerprintsAreKeyedAndStable() {
        byte[] block = "same content".getBytes(StandardCharsets.US_ASCII);
        Fingerprinter a = new Fingerprinter(new SecretKeySpec(new byte[32], "HmacSHA256"));
        Fingerprinter b = new Fingerprinter(new SecretKeySpec(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}, "HmacSHA256"));
        assertThat(a.of(block, 0, block.length)).isEqualTo(a.of(block, 0, block.length))
                .isNotEqualTo(b.of(block, 0, block.length));
        assertThat(Fingerprint.of(a.of(block, 0, block.length).bytes(), 0)).isEqualTo(a.of(block, 0, block.length));
    }
}
