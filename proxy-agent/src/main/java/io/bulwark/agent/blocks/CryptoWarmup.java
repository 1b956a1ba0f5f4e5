package io.bulwark.agent.blocks;

import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JDK's AES-GCM and HMAC-SHA-256 fast paths compiled before the first real block.
 *
 * <p>Measured on JDK 25 here: AES-GCM on 1 MiB buffers runs at about 75 MB/s until the JIT has
 * compiled the method around the AES-NI/AVX-512 intrinsic, and big calls are too few to get it
 * compiled for seconds. Calls of 1 to 4 KiB get it compiled in about 0.2 s, after which 1 MiB runs
 * at over 9 GB/s; calls under 1 KiB never take the intrinsic path, and 16 KiB calls are too slow
 * in the interpreter to be many. HMAC-SHA-256 starts at 0.87 GB/s cold and settles at 1.8 GB/s
 * after the same warm-up. So the warm-up makes 2 KiB calls, on a throwaway key, beside the other
 * start-up work (the key derivation), and stops as soon as a timed 256 KiB call shows the fast
 * path both ways, encrypting and decrypting, or after {@link #LIMIT}.
 */
public final class CryptoWarmup {
    static final Duration LIMIT = Duration.ofSeconds(1);
    private static final int CALL_BYTES = 2048;
    private static final int PROBE_BYTES = 256 * 1024;
    /** 256 KiB each way in under 0.25 ms is over 1 GB/s: only the compiled intrinsic path gets there. */
    private static final long FAST_PROBE_NANOS = 250_000;

    private CryptoWarmup() {
    }

    /**
     * Starts the warm-up on a background thread; join it before the first block. Setting the
     * environment variable {@code BULWARK_CRYPTO_WARMUP=off} skips it: the benchmark does, to show
     * what it is worth.
     */
    public static Thread start() {
        if ("off".equals(System.getenv("BULWARK_CRYPTO_WARMUP"))) {
            return Thread.ofPlatform().name("crypto-warmup").daemon().start(() -> { });
        }
        return Thread.ofPlatform().name("crypto-warmup").daemon().start(CryptoWarmup::run);
    }

    /** Warms up and returns how many probes it took; for the benchmark and the tests. */
    static int run() {
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] input = new byte[PROBE_BYTES];
            byte[] output = new byte[PROBE_BYTES + BlockCodec.TAG_BYTES];
            long deadline = System.nanoTime() + LIMIT.toNanos();
            long counter = 0;
            int probes = 0;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 500; i++) {
                    byte[] nonce = nonce(counter++);
                    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                    int sealed = cipher.doFinal(input, 0, CALL_BYTES, output, 0);
                    cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                    cipher.doFinal(output, 0, sealed, input, 0);
                    mac.update(input, 0, CALL_BYTES);
                    mac.doFinal();
                }
                probes++;
                byte[] nonce = nonce(counter++);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                long started = System.nanoTime();
                int sealed = cipher.doFinal(input, 0, PROBE_BYTES, output, 0);
                long encrypted = System.nanoTime();
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.doFinal(output, 0, sealed, input, 0);
                long decrypted = System.nanoTime();
                if (encrypted - started < FAST_PROBE_NANOS && decrypted - encrypted < FAST_PROBE_NANOS) {
                    return probes;
                }
            }
            return probes;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM warm-up failed", e);
        }
    }

    private static byte[] nonce(long counter) {
        byte[] nonce = new byte[BlockCodec.NONCE_BYTES];
        for (int i = 0; i < 8; i++) {
            nonce[i] = (byte) (counter >>> (8 * i));
        }
        return nonce;
    }
}
