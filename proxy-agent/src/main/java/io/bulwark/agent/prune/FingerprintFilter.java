package io.bulwark.agent.prune;

import io.bulwark.agent.blocks.Fingerprint;
import java.security.SecureRandom;

/**
 * A Bloom filter of fingerprints: the blocks some restore point still needs. A false "maybe" only
 * keeps a garbage block one more round (the salt changes each run, so never the same one for
 * ever); it never lets a needed block go. At 0.1% false positives it costs 15 bits a block: ten
 * million blocks in 18 MB.
 */
final class FingerprintFilter {
    private static final double FALSE_POSITIVES = 0.001;

    private final long[] bits;
    private final long size;
    private final int hashes;
    private final long salt = new SecureRandom().nextLong();

    FingerprintFilter(long expected) {
        long n = Math.max(expected, 1024);
        long m = (long) Math.ceil(-n * Math.log(FALSE_POSITIVES) / (Math.log(2) * Math.log(2)));
        this.bits = new long[(int) Math.min(Integer.MAX_VALUE - 8, (m + 63) / 64)];
        this.size = bits.length * 64L;
        this.hashes = Math.max(1, (int) Math.round((double) size / n * Math.log(2)));
    }

    void add(Fingerprint fingerprint) {
        long h1 = fingerprint.a() ^ salt;
        long h2 = fingerprint.b() | 1;
        for (int i = 0; i < hashes; i++) {
            long bit = Math.floorMod(h1 + i * h2, size);
            bits[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(Fingerprint fingerprint) {
        long h1 = fingerprint.a() ^ salt;
        long h2 = fingerprint.b() | 1;
        for (int i = 0; i < hashes; i++) {
            long bit = Math.floorMod(h1 + i * h2, size);
            if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }
}
