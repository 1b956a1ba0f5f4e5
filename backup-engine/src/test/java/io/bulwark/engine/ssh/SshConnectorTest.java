package io.bulwark.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.credentials.CredentialSecrets;
import io.bulwark.engine.testing.Processes;
import io.bulwark.engine.testing.SshHost;
import io.bulwark.engine.testing.TestAccounts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's SSH client against a real OpenSSH sshd on loopback, with real accounts and sudo. */
class SshConnectorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static SshHost host;
    private static SshConnector connector;
    private static String password;

    @BeforeAll
    static void startHost() {
        password = TestAccounts.password();
        host = SshHost.start();
        connector = new SshConnector();
    }

    @AfterAll
    static void stopHost() {
        connector.close();
        host.close();
    }

    @Test
    void theHostKeyIsTheOneSshKeygenPrints() {
        HostKey key = connector.hostKey(host.address(), host.port(), TIMEOUT);

        assertThat(key.fingerprint()).isEqualTo(host.hostKeyFingerprint()).startsWith("SHA256:");
        assertThat(key.algorithm()).isEqualTo("ssh-ed25519");
    }

    @Test
    void nothingIsSentToAHostWhoseKeyNobodyAccepted() {
        try (SshHost unknown = SshHost.start()) {
            SshTarget target = new SshTarget(unknown.address(), unknown.port(), null, TIMEOUT);

            assertThatThrownBy(() -> connector.connect(target, passwordLogin(TestAccounts.SUDO_WITH_PASSWORD)))
                    .isInstanceOfSatisfying(HostAccessException.class, e -> {
                        assertThat(e.problem()).isEqualTo(HostProblem.HOST_KEY_UNKNOWN);
                        assertThat(e.details()).containsEntry("presentedFingerprint", unknown.hostKeyFingerprint());
                        assertThat(e.getMessage()).contains(unknown.hostKeyFingerprint());
                    });
            assertThat(unknown.log()).contains("Connection from").doesNotContain("for " + TestAccounts.SUDO_WITH_PASSWORD);
        }
    }

    @Test
    void aPasswordAccountRunsCommandsAndElevatesWithSudo() {
        try (SshConnection ssh = connector.connect(pinned(), passwordLogin(TestAccounts.SUDO_WITH_PASSWORD))) {
            assertThat(ssh.run("id -un").stdout().strip()).isEqualTo(TestAccounts.SUDO_WITH_PASSWORD);
            ssh.checkElevation();
            CommandResult elevated = ssh.runElevated("id -u; cat");
            assertThat(elevated.stdout().strip()).isEqualTo("0");
            assertThat(elevated.stdout()).doesNotContain(password);
            assertThat(ssh.run("exit 7").exitStatus()).isEqualTo(7);
        }
    }

    @Test
    void aWrongPasswordIsRefusedAsSuch() {
        CredentialSecrets wrong = new CredentialSecrets(TestAccounts.SUDO_WITH_PASSWORD, "not-" + password, null, null);

        assertThatThrownBy(() -> connector.connect(pinned(), wrong))
                .isInstanceOfSatisfying(HostAccessException.class, e -> {
                    assertThat(e.problem()).isEqualTo(HostProblem.AUTHENTICATION);
                    assertThat(e.getMessage()).contains("refused the SSH login of '" + TestAccounts.SUDO_WITH_PASSWORD + "'")
                            .doesNotContain(password);
                });
    }

    @Test
    void anAccountWithoutSudoIsToldWhatToDo() {
        try (SshConnection ssh = connector.connect(pinned(), passwordLogin(TestAccounts.NO_SUDO))) {
            assertThatThrownBy(ssh::checkElevation).isInstanceOfSatisfying(HostAccessException.class, e -> {
                assertThat(e.problem()).isEqualTo(HostProblem.ELEVATION);
                assertThat(e.getMessage()).contains("may not use sudo").contains("usermod -aG sudo " + TestAccounts.NO_SUDO);
            });
        }
    }

    @Test
    void aKeyWithItsPassphraseLogsInAndSudoNeedsNoPassword(@TempDir Path keys) {
        String key = keyWithPassphrase(keys, "right horse battery");

        try (SshConnection ssh = connector.connect(pinned(),
                new CredentialSecrets(TestAccounts.SUDO_WITHOUT_PASSWORD, null, key, "right horse battery"))) {
            ssh.checkElevation();
            assertThat(ssh.runElevated("id -u").stdout().strip()).isEqualTo("0");
        }
    }

    @Test
    void aWrongOrMissingPassphraseIsNamed(@TempDir Path keys) {
        String key = keyWithPassphrase(keys, "right horse battery");

        assertThatThrownBy(() -> connector.connect(pinned(),
                new CredentialSecrets(TestAccounts.SUDO_WITHOUT_PASSWORD, null, key, "wrong horse")))
                .isInstanceOfSatisfying(HostAccessException.class, e -> {
                    assertThat(e.problem()).isEqualTo(HostProblem.KEY_PASSPHRASE);
                    assertThat(e.getMessage()).contains("passphrase is wrong");
                });
        assertThatThrownBy(() -> connector.connect(pinned(),
                new CredentialSecrets(TestAccounts.SUDO_WITHOUT_PASSWORD, null, key, null)))
                .isInstanceOfSatisfying(HostAccessException.class, e -> {
                    assertThat(e.problem()).isEqualTo(HostProblem.KEY_PASSPHRASE);
                    assertThat(e.getMessage()).contains("the credential has none");
                });
    }

    @Test
    void aChangedHostKeyStopsEverythingAndShowsBothKeys() {
        try (SshHost reinstalled = SshHost.start()) {
            String accepted = reinstalled.hostKeyFingerprint();
            reinstalled.replaceHostKey();
            String presented = reinstalled.hostKeyFingerprint();
            SshTarget target = new SshTarget(reinstalled.address(), reinstalled.port(), accepted, TIMEOUT);

            assertThatThrownBy(() -> connector.connect(target, passwordLogin(TestAccounts.SUDO_WITH_PASSWORD)))
                    .isInstanceOfSatisfying(HostAccessException.class, e -> {
                        assertThat(e.problem()).isEqualTo(HostProblem.HOST_KEY_CHANGED);
                        assertThat(e.details()).containsEntry("pinnedFingerprint", accepted)
                                .containsEntry("presentedFingerprint", presented);
                        assertThat(e.getMessage()).contains(accepted).contains(presented).contains("Edit Server");
                    });
            assertThat(reinstalled.log()).doesNotContain("for " + TestAccounts.SUDO_WITH_PASSWORD);
        }
    }

    @Test
    void aPortWithNothingListeningIsARefusedConnection() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> connector.hostKey("127.0.0.1", closedPort, TIMEOUT))
                .isInstanceOfSatisfying(HostAccessException.class, e -> {
                    assertThat(e.problem()).isEqualTo(HostProblem.REFUSED);
                    assertThat(e.getMessage()).contains("port " + closedPort);
                });
    }

    @Test
    void aHostThatNeverAnswersTimesOut() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            SshTarget target = new SshTarget("127.0.0.1", silent.getLocalPort(), host.hostKeyFingerprint(),
                    Duration.ofSeconds(2));
            assertThatThrownBy(() -> connector.connect(target, passwordLogin(TestAccounts.SUDO_WITH_PASSWORD)))
                    .isInstanceOfSatisfying(HostAccessException.class,
                            e -> assertThat(e.problem()).isEqualTo(HostProblem.TIMEOUT));
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void anAddressWithoutARouteIsUnreachable() throws Exception {
        // A documentation address (TEST-NET-2) made unreachable on this machine: nothing leaves it.
        String address = "198.51.100.77";
        Processes.run("ip", "route", "replace", "unreachable", address + "/32");
        try {
            assertThatThrownBy(() -> connector.hostKey(address, 22, TIMEOUT))
                    .isInstanceOfSatisfying(HostAccessException.class, e -> {
                        assertThat(e.problem()).isEqualTo(HostProblem.UNREACHABLE);
                        assertThat(e.getMessage()).contains(address);
                    });
        } finally {
            Processes.run("ip", "route", "del", "unreachable", address + "/32");
        }
    }

    private static SshTarget pinned() {
        return new SshTarget(host.address(), host.port(), host.hostKeyFingerprint(), TIMEOUT);
    }

    private static CredentialSecrets passwordLogin(String account) {
        return new CredentialSecrets(account, password, null, null);
    }

    private static String keyWithPassphrase(Path folder, String passphrase) {
        Path key = folder.resolve("id_ed25519");
        Processes.run("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", "bulwark-test", "-f", key.toString());
        try {
            host.authorize(TestAccounts.SUDO_WITHOUT_PASSWORD, Files.readString(key.resolveSibling("id_ed25519.pub")));
            return Files.readString(key);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
