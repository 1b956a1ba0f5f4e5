package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.console.connection.PinningTrustManager.NotPinnedException;
import io.bulwark.protocol.tls.CertificateFingerprint;
import java.io.InputStream;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

class PinningTrustManagerTest {
    private static final X509Certificate ENGINE_A = certificate("engine-a.crt");
    private static final X509Certificate ENGINE_B = certificate("engine-b.crt");

    @Test
    void acceptsExactlyThePinnedCertificateWhateverTheHostName() {
        PinningTrustManager trust = new PinningTrustManager(CertificateFingerprint.sha256(ENGINE_A).toLowerCase());

        assertThatCode(() -> trust.checkServerTrusted(new X509Certificate[] {ENGINE_A}, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
        assertThatCode(() -> trust.checkServerTrusted(new X509Certificate[] {ENGINE_A}, "ECDHE_ECDSA",
                (SSLEngine) null)).doesNotThrowAnyException();
    }

    @Test
    void refusesAnotherCertificateAndSaysWhichOneItSaw() {
        PinningTrustManager trust = new PinningTrustManager(CertificateFingerprint.sha256(ENGINE_A));

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {ENGINE_B}, "ECDHE_ECDSA",
                (Socket) null))
                .isInstanceOfSatisfying(NotPinnedException.class, refused -> {
                    assertThat(refused.presented()).isEqualTo(ENGINE_B);
                    assertThat(refused.pinnedFingerprint()).isEqualTo(CertificateFingerprint.sha256(ENGINE_A));
                });
    }

    @Test
    void withoutAPinRefusesEverythingButHandsOverTheCertificate() {
        PinningTrustManager trust = new PinningTrustManager(null);

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[] {ENGINE_A}, "ECDHE_ECDSA"))
                .isInstanceOfSatisfying(NotPinnedException.class, refused -> {
                    assertThat(refused.presented()).isEqualTo(ENGINE_A);
                    assertThat(refused.pinnedFingerprint()).isNull();
                });
    }

    @Test
    void refusesAnEmptyChainAndEveryClient() {
        PinningTrustManager trust = new PinningTrustManager(CertificateFingerprint.sha256(ENGINE_A));

        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(new X509Certificate[] {ENGINE_A}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }

    private static X509Certificate certificate(String name) {
        try (InputStream in = PinningTrustManagerTest.class.getResourceAsStream(name)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
