package io.bulwark.engine.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/** Opens a stored private key (OpenSSH or PEM text) with its passphrase, saying plainly why it cannot. */
final class PrivateKeys {
    private PrivateKeys() {
    }

    static KeyPair open(String keyText, String passphrase, String credentialUser) {
        AtomicBoolean askedForPassphrase = new AtomicBoolean();
        FilePasswordProvider passwords = (session, resource, retry) -> {
            askedForPassphrase.set(true);
            return retry == 0 ? passphrase : null;
        };
        try {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("credential"),
                    new ByteArrayInputStream(keyText.getBytes(StandardCharsets.UTF_8)), passwords);
            Iterator<KeyPair> it = pairs == null ? null : pairs.iterator();
            if (it == null || !it.hasNext()) {
                throw failure(askedForPassphrase.get(), passphrase, credentialUser, null);
            }
            return it.next();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof HostAccessException already) {
                throw already;
            }
            throw failure(askedForPassphrase.get(), passphrase, credentialUser, e);
        }
    }

    private static HostAccessException failure(boolean asked, String passphrase, String user, Exception cause) {
        if (asked && (passphrase == null || passphrase.isEmpty())) {
            return new HostAccessException(HostProblem.KEY_PASSPHRASE, "The private key for '" + user
                    + "' is protected by a passphrase, and the credential has none. Add the key's passphrase to the "
                    + "credential.", java.util.Map.of(), cause);
        }
        if (asked) {
            return new HostAccessException(HostProblem.KEY_PASSPHRASE, "The private key for '" + user
                    + "' cannot be opened with the credential's passphrase: the passphrase is wrong. Correct it in "
                    + "the credential.", java.util.Map.of(), cause);
        }
        return new HostAccessException(HostProblem.AUTHENTICATION, "The private key for '" + user
                + "' cannot be read" + (cause == null ? "" : " (" + cause.getMessage() + ")")
                + ". Store the key in OpenSSH or PEM format, as ssh-keygen writes it.", java.util.Map.of(), cause);
    }
}
