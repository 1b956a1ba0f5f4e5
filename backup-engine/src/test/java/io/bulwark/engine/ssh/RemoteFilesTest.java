package io.bulwark.engine.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.credentials.CredentialSecrets;
import io.bulwark.engine.testing.SshHost;
import io.bulwark.engine.testing.TestAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads to a real sshd's SFTP server: whole files, and a cut-off upload that the next attempt finishes. */
class RemoteFilesTest {
    private static final int MIB = 1024 * 1024;
    private static SshHost host;
    private static SshConnector connector;
    private static CredentialSecrets login;

    @BeforeAll
    static void startHost() {
        login = new CredentialSecrets(TestAccounts.SUDO_WITH_PASSWORD, TestAccounts.password(), null, null);
        host = SshHost.start();
        connector = new SshConnector();
    }

    @AfterAll
    static void stopHost() {
        connector.close();
        host.close();
    }

    @Test
    void anUploadCutOffByADroppedConnectionResumesWhereItStopped(@TempDir Path local) throws Exception {
        Path file = local.resolve("bundle.bin");
        byte[] content = new byte[24 * MIB];
        new Random(7).nextBytes(content);
        Files.write(file, content);
        String remote = ".bulwark-test-" + System.nanoTime() + "/lib/bundle.bin";

        try (SshConnection first = connector.connect(target(), login); RemoteFiles files = first.files()) {
            files.makeDirectories(remote.substring(0, remote.lastIndexOf('/')));
            AtomicBoolean cut = new AtomicBoolean();
            assertThatThrownBy(() -> files.upload(file, remote, sent -> {
                if (sent >= 12 * MIB && cut.compareAndSet(false, true)) {
                    dropConnectionsOf(TestAccounts.SUDO_WITH_PASSWORD);
                }
            })).isInstanceOfSatisfying(HostAccessException.class, e -> {
                assertThat(e.problem()).isEqualTo(HostProblem.DISCONNECTED);
                assertThat(e.getMessage()).contains("resume");
            });
        }

        try (SshConnection second = connector.connect(target(), login); RemoteFiles files = second.files()) {
            assertThat(files.size(remote)).isEmpty();
            long left = files.size(remote + RemoteFiles.PARTIAL_SUFFIX).orElseThrow();
            assertThat(left).isBetween((long) MIB, (long) content.length - 1);

            long sent = files.upload(file, remote, total -> { });

            assertThat(sent).isEqualTo(content.length - left);
            assertThat(files.size(remote + RemoteFiles.PARTIAL_SUFFIX)).isEmpty();
            String home = files.home();
            String remoteHash = second.run("sha256sum " + ShellQuoting.quote(home + "/" + remote)).stdout().split(" ")[0];
            assertThat(remoteHash).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
            second.run("rm -rf " + ShellQuoting.quote(home + "/" + remote.substring(0, remote.indexOf('/'))));
        }
    }

    @Test
    void aSmallFileIsWrittenWholeAndReplaced() {
        String remote = ".bulwark-test-small-" + System.nanoTime();
        try (SshConnection ssh = connector.connect(target(), login); RemoteFiles files = ssh.files()) {
            files.write(remote, "first version, longer".getBytes());
            files.write(remote, "second".getBytes());

            assertThat(ssh.run("cat " + remote).stdout()).isEqualTo("second");
            files.delete(remote);
            assertThat(files.size(remote)).isEmpty();
        }
    }

    /** The host's end of the connection dies, as when the network or the host fails mid-upload. */
    private static void dropConnectionsOf(String account) {
        try {
            new ProcessBuilder("pkill", "-KILL", "-u", account).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SshTarget target() {
        return new SshTarget(host.address(), host.port(), host.hostKeyFingerprint(), Duration.ofSeconds(10));
    }
}
