package io.bulwark.agent.remote;

import static io.bulwark.agent.remote.RemoteBackups.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.bench.SyntheticDisk;
import io.bulwark.agent.repository.RepositoryLayout;
import io.bulwark.agent.repository.index.RepositoryIndex;
import io.bulwark.agent.testing.DataMoverProcess;
import io.bulwark.agent.testing.RepositoryAgentProcess;
import io.bulwark.agent.testing.TestPki;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository agent dies, or is stopped, in the middle of a backup. */
class AgentCrashTest {
    private static final int MIB = 1 << 20;
    private static final Duration FIRST_PACK_LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path directory;
    static TestPki pki;
    static TestPki.Issued agentIdentity;
    static TestPki.Issued proxy;
    static Path password;
    static Path large;
    static Path small;

    @BeforeAll
    static void disks() throws Exception {
        pki = TestPki.create(directory.resolve("pki"));
        agentIdentity = pki.issue("agent", "127.0.0.1");
        proxy = pki.issue("proxy");
        password = RemoteBackups.passwordFile(directory, PASSWORD);
        large = directory.resolve("large.raw");
        SyntheticDisk.generate(large, 256, 5);
        small = directory.resolve("small.raw");
        SyntheticDisk.generate(small, 16, 6);
    }

    @Test
    void killedHalfWayTheRepositoryStaysWholeAndTheNextBackupReusesWhatWasStored() throws Exception {
        Path repository = RemoteBackups.newRepository(directory.resolve("killed"));
        JsonNode earlier;
        int packsBefore;
        try (RepositoryAgentProcess agent = start(repository)) {
            earlier = RemoteBackups.summary(backup(agent, small, "small"));
            packsBefore = RemoteBackups.packs(repository).size();
            long indexedBefore = indexedBlocks(repository);
            try (DataMoverProcess client = DataMoverProcess.start(directory, RemoteBackups.backupArguments(agent.uri(),
                    password, large, "large", proxy, pki.caCertificate()))) {
                awaitIndexedPack(repository, indexedBefore, client);
                agent.kill();
                DataMoverProcess.Finished failed = client.waitFor();
                assertThat(failed.status()).as(failed.output()).isEqualTo(1);
                assertThat(failed.output()).contains("The connection to the repository agent at 127.0.0.1:" + agent.port()
                        + " was lost").contains("No restore point was made");
            }
        }
        assertThat(RemoteBackups.packs(repository)).as("packs the killed session finished stay").hasSizeGreaterThan(packsBefore);
        assertThat(RemoteBackups.pointCount(repository)).isEqualTo(1);
        RemoteBackups.assertVerifies(repository);
        RemoteBackups.assertRestores(repository, earlier.path("pointId").asText(), "small", small,
                directory.resolve("small-restored.raw"));

        try (RepositoryAgentProcess again = start(repository)) {
            JsonNode next = RemoteBackups.summary(backup(again, large, "large"));
            assertThat(next.path("bytesNew").asLong()).as("blocks stored before the kill are not sent again")
                    .isLessThanOrEqualTo(distinctNonZeroBytes(large) - 8L * MIB);
            RemoteBackups.assertRestores(repository, next.path("pointId").asText(), "large", large,
                    directory.resolve("large-restored.raw"));
        }
        RemoteBackups.assertVerifies(repository);
    }

    @Test
    void stoppedHalfWayTheAgentEndsTheSessionWithoutARestorePointAndExits() throws Exception {
        Path repository = RemoteBackups.newRepository(directory.resolve("stopped"));
        try (RepositoryAgentProcess agent = start(repository)) {
            try (DataMoverProcess client = DataMoverProcess.start(directory, RemoteBackups.backupArguments(agent.uri(),
                    password, large, "large", proxy, pki.caCertificate()))) {
                awaitIndexedPack(repository, 0, client);
                assertThat(agent.stop()).as("exit status after SIGTERM").isEqualTo(143);
                DataMoverProcess.Finished failed = client.waitFor();
                assertThat(failed.status()).as(failed.output()).isEqualTo(1);
                assertThat(failed.output()).contains("No restore point was made");
            }
            assertThat(agent.output()).contains("Stopping; 1 running session(s) end without a restore point")
                    .contains("stopped, the agent is shutting down").contains("Stopped");
        }
        assertThat(RemoteBackups.pointCount(repository)).isZero();
        assertThat(repository.resolve("tmp")).isEmptyDirectory();
        RemoteBackups.assertVerifies(repository);
    }

    private static RepositoryAgentProcess start(Path repository) {
        return RepositoryAgentProcess.start(directory, repository, agentIdentity, pki.caCertificate());
    }

    private static DataMoverProcess.Finished backup(RepositoryAgentProcess agent, Path disk, String diskName) {
        return RemoteBackups.backup(directory, agent.uri(), password, disk, diskName, proxy, pki.caCertificate());
    }

    /**
     * Waits until the agent has published a pack of the running backup with its index file: it has
     * received data and stored some durably, findable by the next backup.
     */
    private static void awaitIndexedPack(Path repository, long indexedBefore, DataMoverProcess client) throws Exception {
        Instant deadline = Instant.now().plus(FIRST_PACK_LIMIT);
        while (indexedBlocks(repository) <= indexedBefore) {
            assertThat(client.process().isAlive()).as("the backup ended before a pack was stored:\n%s", client.output()).isTrue();
            assertThat(Instant.now()).as("no pack within %s", FIRST_PACK_LIMIT).isBefore(deadline);
            Thread.sleep(5);
        }
    }

    private static long indexedBlocks(Path repository) throws Exception {
        return RepositoryIndex.open(new RepositoryLayout(repository)).entryCount();
    }

    /** What a full backup into an empty repository stores: each distinct block that is not all zeroes, once. */
    private static long distinctNonZeroBytes(Path disk) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Set<String> seen = new HashSet<>();
        byte[] block = new byte[MIB];
        byte[] zeroes = new byte[MIB];
        long bytes = 0;
        try (InputStream in = Files.newInputStream(disk)) {
            for (int read = in.readNBytes(block, 0, MIB); read > 0; read = in.readNBytes(block, 0, MIB)) {
                if (Arrays.mismatch(block, 0, read, zeroes, 0, read) >= 0) {
                    sha256.update(block, 0, read);
                    if (seen.add(HexFormat.of().formatHex(sha256.digest()))) {
                        bytes += read;
                    }
                }
            }
        }
        return bytes;
    }
}
