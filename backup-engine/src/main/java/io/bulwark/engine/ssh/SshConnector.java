package io.bulwark.engine.ssh;

import io.bulwark.engine.credentials.CredentialSecrets;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.client.auth.password.PasswordIdentityProvider;

/**
 * The engine's one SSH client (Apache MINA SSHD). It logs in to managed hosts with the stored
 * credential only, never with the engine user's own keys or SSH configuration, and only to a
 * host whose key an admin accepted.
 */
public class SshConnector implements AutoCloseable {
    private static final AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeKey<>();
    /** A user name for connections that stop at the key exchange; it is never sent. */
    private static final String PROBE_USER = "bulwark";

    private final SshClient client;

    public SshConnector() {
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier((session, remote, key) -> checkOf(session).accept(key));
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setPasswordIdentityProvider(PasswordIdentityProvider.EMPTY_PASSWORDS_PROVIDER);
        // Deployments are many small request-answer exchanges; Nagle would hold each one back for a delayed ACK.
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
    }

    /**
     * The key a host presents, for an admin to compare and accept. The connection ends at the key
     * exchange: no credential is sent to a host nobody has vouched for.
     */
    public HostKey hostKey(String address, int port, Duration timeout) {
        SshTarget target = new SshTarget(address, port, null, timeout);
        HostKeyCheck check = new HostKeyCheck(null);
        try (ClientSession session = session(target, PROBE_USER, check)) {
            session.auth().verify(timeout);
        } catch (IOException | RuntimeException e) {
            if (check.presented() != null) {
                return check.presented();
            }
            throw translate(e, target, PROBE_USER, check);
        }
        throw new IllegalStateException("The host accepted a login without a key exchange");
    }

    /** A logged-in connection to the host, or a {@link HostAccessException} that says why not. */
    public SshConnection connect(SshTarget target, CredentialSecrets credential) {
        HostKeyCheck check = new HostKeyCheck(target.pinnedFingerprint());
        if (target.pinnedFingerprint() == null) {
            // Learn the key first, so the refusal can show it; nothing is sent before it is accepted.
            HostKey presented = hostKey(target.address(), target.port(), target.timeout());
            throw unknownKey(target, presented);
        }
        ClientSession session = null;
        try {
            session = session(target, credential.username(), check);
            if (credential.privateKey() != null) {
                session.addPublicKeyIdentity(PrivateKeys.open(credential.privateKey(), credential.passphrase(),
                        credential.username()));
            } else if (credential.password() != null) {
                session.addPasswordIdentity(credential.password());
            }
            session.auth().verify(target.timeout());
            return new SshConnection(session, target, credential);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof HostAccessException already) {
                throw already;
            }
            throw translate(e, target, credential.username(), check);
        }
    }

    @Override
    public void close() {
        client.stop();
    }

    private ClientSession session(SshTarget target, String user, HostKeyCheck check) throws IOException {
        AttributeRepository context = AttributeRepository.ofKeyValuePair(HOST_KEY_CHECK, check);
        return client.connect(user, target.address(), target.port(), context, null)
                .verify(target.timeout()).getSession();
    }

    private static HostKeyCheck checkOf(ClientSession session) {
        AttributeRepository context = session.getConnectionContext();
        HostKeyCheck check = context == null ? null : context.getAttribute(HOST_KEY_CHECK);
        // A session made some other way has no decision attached: refuse it.
        return check == null ? new HostKeyCheck(null) : check;
    }

    static HostAccessException translate(Throwable failure, SshTarget target, String user, HostKeyCheck check) {
        if (check.refused()) {
            return check.pinnedFingerprint() == null ? unknownKey(target, check.presented())
                    : changedKey(target, check.pinnedFingerprint(), check.presented());
        }
        String endpoint = target.endpoint();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case UnresolvedAddressException _, UnknownHostException _ -> {
                    return new HostAccessException(HostProblem.UNREACHABLE, "The name '" + target.address()
                            + "' does not resolve. Check the DNS name, or give the host's IP address.", Map.of(), failure);
                }
                case NoRouteToHostException _ -> {
                    return new HostAccessException(HostProblem.UNREACHABLE, "There is no route to " + target.address()
                            + ". Check the address, and the network between the backup server and the host.",
                            Map.of(), failure);
                }
                case ConnectException refused when String.valueOf(refused.getMessage()).contains("refused") -> {
                    return new HostAccessException(HostProblem.REFUSED, target.address() + " refused the connection "
                            + "on port " + target.port() + ": nothing listens there. Check the SSH port, and that sshd "
                            + "runs on the host.", Map.of(), failure);
                }
                case ConnectException other -> {
                    return new HostAccessException(HostProblem.UNREACHABLE, "Cannot reach " + endpoint + ": "
                            + other.getMessage() + ". Check the address, and the network between the backup server "
                            + "and the host.", Map.of(), failure);
                }
                case SocketTimeoutException _, InterruptedIOException _ -> {
                    return timeout(target, failure);
                }
                default -> {
                }
            }
        }
        String message = String.valueOf(failure.getMessage());
        if (message.contains("No more authentication methods available")) {
            return new HostAccessException(HostProblem.AUTHENTICATION, target.address() + " refused the SSH login of '"
                    + user + "': the password or key is wrong, or the account may not log in over SSH. Check the "
                    + "credential.", Map.of(), failure);
        }
        if (message.contains("timeout") || message.contains("timed out")) {
            return timeout(target, failure);
        }
        return new HostAccessException(HostProblem.DISCONNECTED, "The SSH connection to " + endpoint
                + " ended unexpectedly (" + message + "). Check that the host runs an SSH server, then retry.",
                Map.of(), failure);
    }

    private static HostAccessException timeout(SshTarget target, Throwable failure) {
        return new HostAccessException(HostProblem.TIMEOUT, target.endpoint() + " did not answer within "
                + target.timeout().toSeconds() + " s. Check that the host is up and that a firewall lets the backup "
                + "server reach its SSH port; raise the SSH timeout in the server's advanced settings for a slow "
                + "link.", Map.of(), failure);
    }

    private static HostAccessException unknownKey(SshTarget target, HostKey presented) {
        return new HostAccessException(HostProblem.HOST_KEY_UNKNOWN, target.endpoint() + " presents the host key "
                + presented.fingerprint() + " (" + presented.algorithm() + "), which no admin has accepted yet. "
                + "Compare it with 'ssh-keygen -l -f /etc/ssh/ssh_host_ed25519_key.pub' on the host, then accept it.",
                Map.of("presentedFingerprint", presented.fingerprint(), "algorithm", presented.algorithm()), null);
    }

    private static HostAccessException changedKey(SshTarget target, String pinned, HostKey presented) {
        return new HostAccessException(HostProblem.HOST_KEY_CHANGED, "The host key of " + target.endpoint()
                + " has changed: it was " + pinned + ", it is now " + presented.fingerprint() + " ("
                + presented.algorithm() + "). Nothing more is done on this host until an admin who has checked the "
                + "new key accepts it in Edit Server. If the host was not reinstalled, someone may be intercepting "
                + "the connection.", Map.of("pinnedFingerprint", pinned, "presentedFingerprint", presented.fingerprint(),
                "algorithm", presented.algorithm()), null);
    }

    private static void closeQuietly(ClientSession session) {
        if (session != null) {
            try {
                session.close();
            } catch (IOException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }
}
