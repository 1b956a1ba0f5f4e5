package io.bulwark.engine.jobs;

import io.bulwark.engine.security.SecretCipher;
import java.util.Optional;
import java.util.UUID;

/** A job's own encryption password, kept under the master key: sealed here, and opened here only. */
public class JobSecrets {
    private final JobStore store;
    private final SecretCipher cipher;

    public JobSecrets(JobStore store, SecretCipher cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    /** The job's own password in clear, when it has one (also while its encryption is turned off). */
    public Optional<String> password(UUID jobId) {
        return store.passwordSecret(jobId).map(secret -> open(jobId, secret));
    }

    String open(UUID jobId, String secret) {
        return cipher.decrypt(secret, context(jobId));
    }

    String seal(UUID jobId, String password) {
        return cipher.encrypt(password, context(jobId));
    }

    private static String context(UUID jobId) {
        return "jobs/" + jobId + "/encryption-password";
    }
}
