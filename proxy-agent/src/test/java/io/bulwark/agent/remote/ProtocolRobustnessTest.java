package io.bulwark.agent.remote;

import static io.bulwark.agent.remote.RemoteBackups.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.bench.SyntheticDisk;
import io.bulwark.agent.testing.DataMoverProcess;
import io.bulwark.agent.testing.RepositoryAgentProcess;
import io.bulwark.agent.testing.TestPki;
import io.bulwark.protocol.datamover.DataMoverProtocol;
import io.bulwark.protocol.datamover.ErrorCode;
import io.bulwark.protocol.datamover.Failure;
import io.bulwark.protocol.datamover.Frame;
import io.bulwark.protocol.datamover.FrameReader;
import io.bulwark.protocol.datamover.FrameType;
import io.bulwark.protocol.datamover.FrameWriter;
import io.bulwark.protocol.datamover.Hello;
import io.bulwark.protocol.datamover.PayloadWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that break the protocol are disconnected, with an ERROR where TLS allows one, and the
 * agent goes on serving the others.
 */
class ProtocolRobustnessTest {
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path directory;
    static TestPki pki;
    static TestPki.Issued proxy;
    static Path repository;
    static RepositoryAgentProcess agent;

    @BeforeAll
    static void serve() throws Exception {
        pki = TestPki.create(directory.resolve("pki"));
        proxy = pki.issue("proxy");
        repository = RemoteBackups.newRepository(directory);
        agent = RepositoryAgentProcess.start(directory, repository, pki.issue("agent", "127.0.0.1"), pki.caCertificate());
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void garbageInsteadOfTlsIsDisconnected() throws Exception {
        try (Socket socket = plain()) {
            byte[] garbage = new byte[4096];
            new Random(1).nextBytes(garbage);
            socket.getOutputStream().write(garbage);
            assertThat(readToEnd(socket.getInputStream())).as("the agent closes the connection").isLessThan(4096);
        }
        assertStillServes("garbage");
    }

    @Test
    void framesThatBreakTheRulesGetAnErrorAndTheAgentServesOn() throws Exception {
        byte[] absurdLength = {(byte) FrameType.HELLO.code(), (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThat(refusal(absurdLength)).satisfies(failure -> {
            assertThat(failure.code()).isEqualTo(ErrorCode.PROTOCOL);
            assertThat(failure.message()).contains("a HELLO frame of 4294967295 bytes, more than the");
        });
        assertThat(refusal(new byte[] {(byte) 0xee, 0, 0, 0, 0}).message()).contains("an unknown frame type 0xee");
        assertThat(refusal(frame(FrameType.CLAIM, new byte[8])).message()).contains("a CLAIM frame where HELLO was due");
        assertThat(refusal(frame(FrameType.HELLO, new PayloadWriter().fixed("HTTP".getBytes()).u16(1).u16(0)
                .string("curl").toByteArray())).message()).contains("not a Bulwark data mover");
        Failure version = refusal(frame(FrameType.HELLO, new Hello(FrameType.HELLO, 9, 0, "Bulwark from the future").encode()));
        assertThat(version.code()).isEqualTo(ErrorCode.VERSION);
        assertThat(version.message()).contains("This repository agent speaks data mover protocol " + DataMoverProtocol.MAJOR_VERSION + "."
                + DataMoverProtocol.MINOR_VERSION + ", the proxy 9.0");

        byte[] hello = frame(FrameType.HELLO, Hello.current(FrameType.HELLO, "test").encode());
        byte[] hugeStore = {(byte) FrameType.STORE.code(), 0x40, 0, 0, 0};
        assertThat(refusal(concat(hello, hugeStore)).message()).contains("a STORE frame of 1073741824 bytes");
        assertThat(refusal(concat(hello, frame(FrameType.STORE, new byte[64]))).message())
                .contains("a STORE frame before BEGIN_BACKUP");
        assertThat(refusal(concat(hello, frame(FrameType.CLAIM, new PayloadWriter().u32(1).u32(1 << 30).toByteArray())))
                .message()).contains("a CLAIM frame whose count is 1073741824, more than " + DataMoverProtocol.MAX_CLAIM_FINGERPRINTS);
        assertStillServes("after-errors");
        assertThat(agent.process().isAlive()).isTrue();
    }

    @Test
    void silentAndStalledConnectionsDoNotHoldUpOthers() throws Exception {
        try (Socket silent = plain(); SSLSocket stalled = tls()) {
            // The silent one is connected and sends nothing, not even a TLS hello; the stalled one stops inside a frame.
            assertThat(silent.isConnected()).isTrue();
            stalled.getOutputStream().write(new byte[] {(byte) FrameType.HELLO.code(), 0, 0});
            stalled.getOutputStream().flush();
            assertStillServes("beside-silent");
        }
    }

    /** A backup by a well-behaved proxy still works, and restores. */
    private static void assertStillServes(String diskName) throws Exception {
        Path disk = directory.resolve(diskName + ".raw");
        SyntheticDisk.generate(disk, 4, diskName.hashCode());
        DataMoverProcess.Finished backup = RemoteBackups.backup(directory, agent.uri(),
                RemoteBackups.passwordFile(directory, PASSWORD), disk, diskName, proxy, pki.caCertificate());
        JsonNode summary = RemoteBackups.summary(backup);
        RemoteBackups.assertRestores(repository, summary.path("pointId").asText(), diskName, disk,
                directory.resolve(diskName + "-restored.raw"));
    }

    /** Sends {@code bytes} over a proper TLS connection and returns the ERROR the agent answers with before it closes. */
    private static Failure refusal(byte[] bytes) throws Exception {
        Map<String, Long> before = RemoteBackups.listing(repository);
        try (SSLSocket socket = tls()) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            FrameReader in = new FrameReader(socket.getInputStream());
            Frame answer = in.read();
            if (answer.type() == FrameType.WELCOME) {
                answer = in.read();
            }
            assertThat(answer.type()).isEqualTo(FrameType.ERROR);
            assertThat(in.read()).as("the agent closes after its ERROR").isNull();
            assertThat(RemoteBackups.listing(repository)).isEqualTo(before);
            return Failure.decode(answer);
        }
    }

    private static Socket plain() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", agent.port()), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        return socket;
    }

    private static SSLSocket tls() throws IOException {
        Socket plain = plain();
        SSLSocket socket = (SSLSocket) TlsContexts.create(new TlsMaterial(proxy.certificatePath(), proxy.keyPath(),
                pki.caCertificate())).getSocketFactory().createSocket(plain, "127.0.0.1", agent.port(), true);
        TlsContexts.configureProxy(socket);
        socket.startHandshake();
        return socket;
    }

    private static byte[] frame(FrameType type, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new FrameWriter(bytes).write(type, payload, 0, payload.length);
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static int readToEnd(InputStream in) {
        byte[] buffer = new byte[4096];
        int total = 0;
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
            }
        } catch (IOException closedWithReset) {
            // a reset is a close too
        }
        return total;
    }
}
