package io.bulwark.engine.ssh;

import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * One connection's host key decision: the key must be the pinned one, and nothing is accepted
 * when none is pinned yet. It remembers what the host presented, so a refusal can say which key
 * the admin is being asked to accept.
 */
final class HostKeyCheck {
    private final String pinnedFingerprint;
    private volatile HostKey presented;

    HostKeyCheck(String pinnedFingerprint) {
        this.pinnedFingerprint = pinnedFingerprint;
    }

    boolean accept(PublicKey key) {
        presented = describe(key);
        return pinnedFingerprint != null && pinnedFingerprint.equals(presented.fingerprint());
    }

    /** The key the host presented, or null when the connection ended before the key exchange. */
    HostKey presented() {
        return presented;
    }

    boolean refused() {
        return presented != null && !presented.fingerprint().equals(pinnedFingerprint);
    }

    String pinnedFingerprint() {
        return pinnedFingerprint;
    }

    static HostKey describe(PublicKey key) {
        return new HostKey(KeyUtils.getKeyType(key), KeyUtils.getFingerPrint(BuiltinDigests.sha256, key));
    }
}
