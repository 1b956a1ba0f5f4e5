package io.bulwark.agent.remote;

import static io.bulwark.agent.remote.RemoteBackups.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.bench.SyntheticDisk;
import io.bulwark.agent.testing.DataMoverProcess;
import io.bulwark.agent.testing.FreePorts;
import io.bulwark.agent.testing.RepositoryAgentProcess;
import io.bulwark.agent.testing.TestPki;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS between proxy and repository agent: every wrong certificate is refused with a clear
 * message and exit status 1, and the repository stays as it was.
 */
class TlsTrustTest {
    @TempDir
    static Path directory;
    static TestPki pki;
    static TestPki stranger;
    static TestPki.Issued proxy;
    static Path repository;
    static Path password;
    static Path disk;
    Map<String, Long> before;

    @BeforeAll
    static void setUp() throws Exception {
        pki = TestPki.create(directory.resolve("pki"));
        stranger = TestPki.create(directory.resolve("stranger"));
        proxy = pki.issue("proxy");
        repository = RemoteBackups.newRepository(directory);
        password = RemoteBackups.passwordFile(directory, PASSWORD);
        disk = directory.resolve("disk.raw");
        SyntheticDisk.generate(disk, 4, 1);
    }

    @BeforeEach
    void remember() throws Exception {
        before = RemoteBackups.listing(repository);
    }

    @AfterEach
    void repositoryUntouched() throws Exception {
        assertThat(RemoteBackups.listing(repository)).isEqualTo(before);
        assertThat(RemoteBackups.pointCount(repository)).isZero();
    }

    @Test
    void aProxyCertificateFromAnotherCaIsRefusedOnBothSides() {
        try (RepositoryAgentProcess agent = start(pki.issue("agent", "127.0.0.1"))) {
            TestPki.Issued outsider = stranger.issue("outsider");
            DataMoverProcess.Finished refused = RemoteBackups.backup(directory, agent.uri(), password, disk, "disk",
                    outsider, pki.caCertificate());
            assertThat(refused.status()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("The repository agent at 127.0.0.1:" + agent.port()
                    + " refused this proxy's certificate " + outsider.certificatePath());
            assertThat(agent.output()).contains("refused: the proxy has no certificate signed by the CA in " + pki.caCertificate());
        }
    }

    @Test
    void anAgentCertificateFromAnotherCaIsRefused() {
        try (RepositoryAgentProcess agent = start(stranger.issue("impostor", "127.0.0.1"))) {
            DataMoverProcess.Finished refused = RemoteBackups.backup(directory, agent.uri(), password, disk, "disk", proxy,
                    pki.caCertificate());
            assertThat(refused.status()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("The repository agent at 127.0.0.1:" + agent.port()
                    + " presented a certificate that is not signed by the CA in " + pki.caCertificate());
            assertThat(agent.output()).contains("the proxy refused this agent's certificate");
        }
    }

    @Test
    void anAgentCertificateThatNamesAnotherHostIsRefused() {
        try (RepositoryAgentProcess agent = start(pki.issue("elsewhere", "repository.example", "192.0.2.7"))) {
            DataMoverProcess.Finished refused = RemoteBackups.backup(directory, agent.uri(), password, disk, "disk", proxy,
                    pki.caCertificate());
            assertThat(refused.status()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("The repository agent at 127.0.0.1:" + agent.port()
                    + " presented a certificate that does not name 127.0.0.1");
        }
    }

    @Test
    void anAgentThatDoesNotRunIsNamed() {
        int port = FreePorts.loopback();
        DataMoverProcess.Finished refused = RemoteBackups.backup(directory, "bulwark://127.0.0.1:" + port, password, disk,
                "disk", proxy, pki.caCertificate());
        assertThat(refused.status()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("Cannot reach the repository agent at 127.0.0.1:" + port
                + ": connection refused. Is ./bulwark agent serve running there?");
    }

    @Test
    void tlsFilesAreRequiredForAnAgentAndRefusedForAFolder() {
        DataMoverProcess.Finished withoutFiles = DataMoverProcess.run(directory, "backup", "--repo", "bulwark://127.0.0.1:1",
                "--password-file", password.toString(), "--source", disk.toString());
        assertThat(withoutFiles.status()).isEqualTo(1);
        assertThat(withoutFiles.output()).contains("needs this proxy's TLS files: --cert, --key and --ca. --cert is missing.");
        DataMoverProcess.Finished withFolder = DataMoverProcess.run(directory, "backup", "--repo", repository.toString(),
                "--password-file", password.toString(), "--source", disk.toString(), "--cert",
                proxy.certificatePath().toString());
        assertThat(withFolder.status()).isEqualTo(1);
        assertThat(withFolder.output()).contains("--cert, --key and --ca are for a repository served by an agent");
    }

    private static RepositoryAgentProcess start(TestPki.Issued identity) {
        return RepositoryAgentProcess.start(directory, repository, identity, pki.caCertificate());
    }
}
