package io.bulwark.agent.remote;

import static io.bulwark.agent.remote.RemoteBackups.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.bench.SyntheticDisk;
import io.bulwark.agent.testing.DataMoverProcess;
import io.bulwark.agent.testing.RepositoryAgentProcess;
import io.bulwark.agent.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups from a proxy process into a repository agent process over mutual TLS on loopback. */
class NetworkBackupTest {
    @TempDir
    static Path directory;
    static TestPki pki;
    static TestPki.Issued proxy;
    static Path repository;
    static Path password;
    static RepositoryAgentProcess agent;

    @BeforeAll
    static void serve() throws Exception {
        pki = TestPki.create(directory.resolve("pki"));
        proxy = pki.issue("proxy");
        repository = RemoteBackups.newRepository(directory);
        password = RemoteBackups.passwordFile(directory, PASSWORD);
        agent = RepositoryAgentProcess.start(directory, repository, pki.issue("agent", "127.0.0.1"), pki.caCertificate());
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aBackupOverTheNetworkRestoresBitForBitAndOnlyMissingBlocksCrossTheWire() throws Exception {
        Path disk = directory.resolve("web.raw");
        SyntheticDisk.generate(disk, 64, 7);
        JsonNode first = RemoteBackups.summary(backup(disk, "web"));
        assertThat(first.path("bytesSent").asLong()).as("the new blocks cross, sealed")
                .isGreaterThanOrEqualTo(first.path("bytesWritten").asLong())
                .isLessThan(first.path("bytesWritten").asLong() + (256 << 10));
        RemoteBackups.assertRestores(repository, first.path("pointId").asText(), "web", disk, directory.resolve("web-1.raw"));

        JsonNode again = RemoteBackups.summary(backup(disk, "web"));
        assertThat(again.path("bytesNew").asLong()).isZero();
        assertThat(again.path("bytesSent").asLong()).as("fingerprints, the table and the metadata, no block")
                .isLessThan(16 << 10);

        Path changed = directory.resolve("web-changed.raw");
        SyntheticDisk.changed(disk, changed, 2, 3);
        JsonNode third = RemoteBackups.summary(backup(changed, "web"));
        long changedBytes = third.path("bytesWritten").asLong();
        assertThat(third.path("bytesNew").asLong()).isPositive().isLessThanOrEqualTo(3L << 20);
        assertThat(third.path("bytesSent").asLong()).as("only the changed blocks cross")
                .isBetween(changedBytes, changedBytes + (64 << 10));
        RemoteBackups.assertRestores(repository, third.path("pointId").asText(), "web", changed,
                directory.resolve("web-3.raw"));
        RemoteBackups.assertRestores(repository, first.path("pointId").asText(), "web", disk, directory.resolve("web-1b.raw"));
        RemoteBackups.assertVerifies(repository);
    }

    @Test
    void theAgentNeverHasThePassword() throws Exception {
        Path disk = directory.resolve("secret.raw");
        SyntheticDisk.generate(disk, 8, 21);
        RemoteBackups.summary(backup(disk, "secret"));
        assertThat(String.join(" ", agent.command())).doesNotContain(PASSWORD).doesNotContain(password.toString());
        String osCommandLine = Files.readString(Path.of("/proc", Long.toString(agent.process().pid()), "cmdline"),
                StandardCharsets.UTF_8);
        assertThat(osCommandLine).doesNotContain(PASSWORD);
        assertThat(agent.output()).doesNotContain(PASSWORD).contains("Proxy CN=proxy").contains("committed restore point");
    }

    @Test
    void twoConcurrentBackupsOfOverlappingDisksBothRestore() throws Exception {
        Path base = directory.resolve("db.raw");
        SyntheticDisk.generate(base, 48, 11);
        Path overlapping = directory.resolve("db-replica.raw");
        SyntheticDisk.changed(base, overlapping, 25, 5);
        try (DataMoverProcess one = DataMoverProcess.start(directory, RemoteBackups.backupArguments(agent.uri(), password,
                     base, "db", proxy, pki.caCertificate()));
             DataMoverProcess two = DataMoverProcess.start(directory, RemoteBackups.backupArguments(agent.uri(), password,
                     overlapping, "db-replica", proxy, pki.caCertificate()))) {
            JsonNode first = RemoteBackups.summary(one.waitFor());
            JsonNode second = RemoteBackups.summary(two.waitFor());
            long stored = first.path("bytesNew").asLong() + second.path("bytesNew").asLong();
            assertThat(stored).as("shared blocks were sent by one of the two, not by both")
                    .isLessThan(first.path("bytesRead").asLong() + second.path("bytesRead").asLong() - (8L << 20));
        }
        RemoteBackups.assertRestores(repository, "latest", "db", base, directory.resolve("db-restored.raw"));
        RemoteBackups.assertRestores(repository, "latest", "db-replica", overlapping,
                directory.resolve("db-replica-restored.raw"));
        RemoteBackups.assertVerifies(repository);
    }

    @Test
    void aWrongPasswordIsRefusedOnTheProxyAndChangesNothing() throws Exception {
        Path disk = directory.resolve("wrong.raw");
        SyntheticDisk.generate(disk, 4, 31);
        Map<String, Long> before = RemoteBackups.listing(repository);
        DataMoverProcess.Finished refused = RemoteBackups.backup(directory, agent.uri(),
                RemoteBackups.passwordFile(directory, "not the password"), disk, "wrong", proxy, pki.caCertificate());
        assertThat(refused.status()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("Wrong repository password. Hint: the stapled horse")
                .contains("The repository at " + agent.uri() + " was not changed.");
        assertThat(RemoteBackups.listing(repository)).isEqualTo(before);
    }

    private static DataMoverProcess.Finished backup(Path disk, String diskName) {
        return RemoteBackups.backup(directory, agent.uri(), password, disk, diskName, proxy, pki.caCertificate());
    }
}
