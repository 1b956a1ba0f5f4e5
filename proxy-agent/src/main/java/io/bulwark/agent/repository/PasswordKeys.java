package io.bulwark.agent.repository;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The one way Bulwark turns a typed password into a 256-bit key: Argon2id (Bouncy Castle), for a
 * repository's key file and for the engine's configuration backups alike.
 */
public final class PasswordKeys {
    /** 64 MiB, 2 passes, one lane: about 150 ms here, which an offline guesser pays for each password tried. */
    public static final int MEMORY_KIB = 64 * 1024;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;

    private PasswordKeys() {
    }

    public static byte[] argon2id(String password, byte[] salt, int memoryKiB, int iterations, int parallelism) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] key = new byte[32];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), key);
        return key;
    }
}
