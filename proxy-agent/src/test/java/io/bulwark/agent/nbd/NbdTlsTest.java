package io.bulwark.agent.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.agent.source.SourceException;
import io.bulwark.agent.testing.DiskImages;
import io.bulwark.agent.testing.NbdServer;
import io.bulwark.agent.testing.TestPki;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qemu-nbd with x509 credentials (GnuTLS) against the JDK's TLS, the setup of an encrypted NBD transport. */
class NbdTlsTest {
    private static final int MIB = 1 << 20;

    @TempDir
    static Path directory;
    private static Path image;
    private static TestPki pki;
    private static NbdServer server;

    @BeforeAll
    static void serve() {
        image = DiskImages.createQcow2(directory.resolve("disk.qcow2"), 16L * MIB);
        DiskImages.qemuIo(image, "qcow2", "write -P 0xc3 1M 1M");
        pki = TestPki.create(directory.resolve("pki"));
        server = NbdServer.qemuNbd(image).format("qcow2").tls(pki.qemuServerCredentials("127.0.0.1"), false).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsOverTlsWhenTheServerCertificateChainsToTheGivenCa() throws Exception {
        assertThat(server.uri().toString()).startsWith("nbds://127.0.0.1:");
        try (NbdSource disk = NbdSource.open(server.uri(), NbdTls.trusting(pki.caCertificate()), null)) {
            assertReadsTheImage(disk);
        }
    }

    @Test
    void refusesAServerWhoseCertificateAnotherCaIssued() {
        TestPki stranger = TestPki.create(directory.resolve("stranger"));
        assertThatThrownBy(() -> NbdSource.open(server.uri(), NbdTls.trusting(stranger.caCertificate()), null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("The NBD server " + server.uri() + " presented a certificate that is not trusted")
                .hasMessageContaining(stranger.caCertificate().toString());
    }

    @Test
    void refusesACertificateThatDoesNotNameTheHost() {
        try (NbdServer misnamed = NbdServer.qemuNbd(image).format("qcow2").tls(pki.qemuServerCredentials("nbd.example"), false)
                .start()) {
            assertThatThrownBy(() -> NbdSource.open(misnamed.uri(), NbdTls.trusting(pki.caCertificate()), null))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("presented a certificate that does not name 127.0.0.1");
        }
    }

    @Test
    void plainNbdAgainstATlsOnlyServerSaysTlsIsRequired() {
        NbdUri plain = NbdUri.tcp("127.0.0.1", server.uri().port(), "disk0");
        assertThatThrownBy(() -> NbdSource.open(plain, null, null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("The NBD server " + plain + " requires TLS: use an nbds:// URI and give the CA certificate");
    }

    @Test
    void presentsAClientCertificateToAServerThatVerifiesClients() throws Exception {
        TestPki.Issued agent = pki.issue("agent");
        try (NbdServer verifying = NbdServer.qemuNbd(image).format("qcow2").tls(pki.qemuServerCredentials("127.0.0.1"), true)
                .start()) {
            NbdTls withoutCertificate = NbdTls.trusting(pki.caCertificate());
            assertThatThrownBy(() -> NbdSource.open(verifying.uri(), withoutCertificate, null))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("give a client certificate and key");
            NbdTls mutual = withoutCertificate.withClientCertificate(agent.certificatePath(), agent.keyPath());
            try (NbdSource disk = NbdSource.open(verifying.uri(), mutual, null)) {
                assertReadsTheImage(disk);
            }
        }
    }

    private static void assertReadsTheImage(NbdSource disk) throws Exception {
        byte[] buffer = new byte[3 * MIB];
        disk.read(0, buffer, 0, buffer.length);
        assertThat(Arrays.copyOfRange(buffer, 0, MIB)).containsOnly(0);
        assertThat(Arrays.copyOfRange(buffer, MIB, 2 * MIB)).containsOnly(0xc3);
        assertThat(Arrays.copyOfRange(buffer, 2 * MIB, 3 * MIB)).containsOnly(0);
        assertThat(disk.map(0, 3L * MIB)).hasSize(3);
    }
}
