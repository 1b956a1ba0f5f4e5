package io.bulwark.console.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.console.common.EventBus;
import io.bulwark.console.connection.ConnectionEvents.StreamLost;
import io.bulwark.console.connection.ConnectionEvents.StreamOpened;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.servers.ServerView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection layer against a real engine process: pinning, login, the event stream. */
class RealEngineConnectionTest {
    private static EngineProcess engine;
    private static EngineAddress address;

    @TempDir
    static Path temporary;
    @TempDir
    Path config;

    @BeforeAll
    static void startEngine() {
        engine = EngineProcess.start(temporary.resolve("engine"), Map.of());
        address = new EngineAddress("127.0.0.1", engine.port());
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private Connector connectorPinning(String fingerprint) {
        PinnedCertificates pins = new PinnedCertificates(config, Clock.systemUTC());
        if (fingerprint != null) {
            pins.pin(address, fingerprint);
        }
        return new Connector(pins);
    }

    @Test
    void firstContactHandsOverTheEnginesCertificateInsteadOfLoggingIn() {
        assertThatThrownBy(() -> connectorPinning(null).connect(address, "admin", engine.initialAdminPassword()))
                .isInstanceOfSatisfying(UntrustedCertificateException.class, untrusted -> {
                    assertThat(untrusted.certificate().fingerprint()).isEqualTo(engine.fingerprint());
                    assertThat(untrusted.certificate().subject()).contains("Bulwark");
                });
    }

    @Test
    void aPinnedEngineIsReachedByIpAlthoughItsCertificateNamesItsHost() {
        try (EngineClient client = connectorPinning(engine.fingerprint())
                .connect(address, "admin", engine.initialAdminPassword()).client()) {
            assertThat(client.list(ApiPaths.SERVERS, ServerView.class)).extracting(ServerView::name)
                    .containsExactly("This server");
        }
    }

    @Test
    void aChangedCertificateIsRefusedWithBothFingerprints() {
        String other = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

        assertThatThrownBy(() -> connectorPinning(other).connect(address, "admin", engine.initialAdminPassword()))
                .isInstanceOfSatisfying(CertificateChangedException.class, changed -> {
                    assertThat(changed.pinnedFingerprint()).isEqualTo(other);
                    assertThat(changed.presentedFingerprint()).isEqualTo(engine.fingerprint());
                    assertThat(changed.getMessage()).contains("CHANGED", other, engine.fingerprint(),
                            "openssl x509 -in DATA_DIR/tls/engine.crt -noout -fingerprint -sha256");
                });
    }

    @Test
    void theEventStreamDeliversChangesAndReopensAfterSilence() throws Exception {
        BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
        EventBus bus = new EventBus(Runnable::run);
        bus.subscribe(ChangeEvent.class, heard::add);
        bus.subscribe(StreamOpened.class, heard::add);
        bus.subscribe(StreamLost.class, heard::add);
        TestApi api = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        String serverId = api.get(ApiPaths.SERVERS).json().get(0).path("id").asText();

        try (EngineClient client = connectorPinning(engine.fingerprint())
                .connect(address, "admin", engine.initialAdminPassword()).client();
             // The engine's heartbeat comes every 15 s; 3 s of silence must count as a lost connection.
             EventStream stream = new EventStream(client, bus, Duration.ofSeconds(3))) {
            stream.start();
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new StreamOpened(false));

            api.post(ApiPaths.REPOSITORIES, Map.of("name", "Events", "serverId", serverId,
                    "path", temporary.resolve("events-repository").toString()));
            // Whatever the engine is still doing by itself (setting up its own roles) may come first.
            assertThat(nextSkippingEngineUpdates(heard)).isInstanceOfSatisfying(ChangeEvent.class, change -> {
                assertThat(change.collection()).isEqualTo("repositories");
                assertThat(change.action()).isEqualTo(ChangeAction.CREATED);
                assertThat(change.actor()).isEqualTo("admin");
            });

            // The engine then sets the repository up on its own server and says so; that is news too.
            assertThat(nextSkippingEngineUpdates(heard)).isInstanceOfSatisfying(StreamLost.class,
                    lost -> assertThat(lost.reason()).isEqualTo("No word from the engine for 3 s."));
            assertThat(heard.poll(10, TimeUnit.SECONDS)).isEqualTo(new StreamOpened(true));
        }
    }

    private static Object nextSkippingEngineUpdates(BlockingQueue<Object> heard) throws InterruptedException {
        Object next = heard.poll(10, TimeUnit.SECONDS);
        while (next instanceof ChangeEvent change && change.actor().equals("engine")
                && change.action() == ChangeAction.UPDATED) {
            next = heard.poll(10, TimeUnit.SECONDS);
        }
        return next;
    }
}
