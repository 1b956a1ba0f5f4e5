package io.bulwark.agent.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.backup.BackupOptions;
import io.bulwark.agent.bench.SyntheticDisk;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.source.RawFileSource;
import io.bulwark.agent.source.SourceException;
import io.bulwark.agent.testing.DataMoverProcess;
import io.bulwark.agent.testing.NbdServer;
import io.bulwark.agent.testing.Processes;
import io.bulwark.protocol.ApiJson;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What happens when things go wrong during a backup: a killed process, a damaged pack, a full
 * disk, a source that shrinks or goes away, a prune racing a backup. In every case the command says
 * what happened, commits nothing half-made, and the restore points already there stay restorable.
 */
class FaultTest {
    @TempDir
    Path temp;
    Path repo;
    Path password;

    @BeforeEach
    void setUp() throws Exception {
        repo = temp.resolve("repo");
        password = temp.resolve("password");
        Files.writeString(password, "fault test password\n");
        assertThat(run("repo", "init", "--repo", repo.toString(), "--password-file", password.toString()).status()).isZero();
    }

    @Test
    void aBackupKilledHalfWayLeavesTheRepositoryWholeAndItsBlocksForTheNextBackup() throws Exception {
        Path earlier = disk("earlier.raw", 12);
        String earlierPoint = backup(earlier, "earlier").path("pointId").asText();

        Path big = randomDisk("big.raw", 96);
        long indexFilesBefore = count(repo.resolve("index"));
        try (NbdServer slow = NbdServer.nbdkitFile(big).filter("delay", "rdelay=150ms").start();
             DataMoverProcess backup = DataMoverProcess.start(temp, "backup", "--repo", repo.toString(), "--password-file",
                     password.toString(), "--source", slow.uri().toString(), "--disk", "big")) {
            waitUntil("a pack of the running backup is published", () -> count(repo.resolve("index")) > indexFilesBefore);
            Processes.kill(backup.process());
        }

        DataMoverProcess.Finished verify = run("verify", "--repo", repo.toString(), "--password-file", password.toString());
        assertThat(verify.status()).as(verify.output()).isZero();
        assertThat(restore(earlierPoint, temp.resolve("earlier-restored.raw")).status()).isZero();
        assertThat(Files.mismatch(earlier, temp.resolve("earlier-restored.raw"))).isEqualTo(-1);
        assertThat(points()).as("the killed backup committed no point").hasSize(1);

        JsonNode next = backup(big, "big");
        assertThat(next.path("bytesNew").asLong()).as("blocks the killed backup stored are reused")
                .isLessThanOrEqualTo((96L << 20) - (8L << 20));
        assertThat(restore(next.path("pointId").asText(), temp.resolve("big-restored.raw")).status()).isZero();
        assertThat(Files.mismatch(big, temp.resolve("big-restored.raw"))).isEqualTo(-1);
    }

    @Test
    void aFlippedByteIsNamedByVerifyAndStopsTheRestoreOfThatPoint() throws Exception {
        Path source = disk("vm.raw", 16);
        String point = backup(source, "vm").path("pointId").asText();
        Path pack;
        try (Stream<Path> packs = Files.walk(repo.resolve("packs"))) {
            pack = packs.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
            long position = 32 + 44 + 100;
            file.seek(position);
            int original = file.read();
            file.seek(position);
            file.write(original ^ 0x01);
        }

        DataMoverProcess.Finished verify = run("verify", "--repo", repo.toString(), "--password-file", password.toString());
        assertThat(verify.status()).as(verify.output()).isEqualTo(2);
        assertThat(verify.output()).contains("DAMAGED restore point " + point.substring(0, 8)).contains("disk 'vm'")
                .contains("fails authentication");

        Path target = temp.resolve("target.raw");
        Files.writeString(target, "what was here before");
        DataMoverProcess.Finished restore = restore(point, target);
        assertThat(restore.status()).isEqualTo(1);
        assertThat(restore.output()).contains("cannot be restored").contains("is damaged").contains("The target was not written");
        assertThat(Files.readString(target)).as("the target is untouched").isEqualTo("what was here before");
        assertThat(target.resolveSibling("target.raw.partial")).doesNotExist();
    }

    @Test
    void aFullDiskIsSaidPlainlyAndCommitsNothing() throws Exception {
        assertThat(System.getProperty("user.name")).as("mounting a small tmpfs for this test needs root").isEqualTo("root");
        Path small = temp.resolve("small");
        Files.createDirectories(small);
        mount(small, "40m");
        try {
            Path smallRepo = small.resolve("repo");
            assertThat(run("repo", "init", "--repo", smallRepo.toString(), "--password-file", password.toString()).status()).isZero();
            Path fits = disk("fits.raw", 8);
            assertThat(run("backup", "--repo", smallRepo.toString(), "--password-file", password.toString(), "--source",
                    fits.toString(), "--disk", "fits").status()).isZero();

            DataMoverProcess.Finished full = run("backup", "--repo", smallRepo.toString(), "--password-file",
                    password.toString(), "--source", randomDisk("too-big.raw", 64).toString(), "--disk", "too-big");
            assertThat(full.status()).isEqualTo(1);
            assertThat(full.output()).contains("the disk is full").contains("Nothing was committed");

            DataMoverProcess.Finished list = run("points", "--repo", smallRepo.toString(), "--password-file",
                    password.toString(), "--json");
            assertThat(ApiJson.mapper().readTree(lastLine(list.output()))).as("no partial point").hasSize(1);
            assertThat(run("verify", "--repo", smallRepo.toString(), "--password-file", password.toString()).status())
                    .isZero();
            assertThat(run("forget", "--repo", smallRepo.toString(), "--password-file", password.toString(),
                    "--keep-last", "1", "--prune").status()).as("pruning frees what the failed backup left").isZero();
            assertThat(run("backup", "--repo", smallRepo.toString(), "--password-file", password.toString(), "--source",
                    disk("after.raw", 8).toString(), "--disk", "after").status()).as("the repository is usable").isZero();
            Path restored = temp.resolve("fits-restored.raw");
            assertThat(run("restore", "--repo", smallRepo.toString(), "--password-file", password.toString(), "--disk",
                    "fits", "--target", restored.toString()).status()).isZero();
            assertThat(Files.mismatch(fits, restored)).isEqualTo(-1);
        } finally {
            unmount(small);
        }
    }

    @Test
    void aSourceThatShrinksWhileItIsReadFailsAndCommitsNothing() throws Exception {
        Path source = randomDisk("shrinking.raw", 256);
        RepositoryOperations operations = new RepositoryOperations(Clock.systemUTC(), Duration.ofMinutes(1), 2, s -> { });
        try (RawFileSource raw = RawFileSource.open(source)) {
            assertThatThrownBy(() -> operations.backup(repo, "fault test password", raw, BackupOptions.defaults("shrinking"),
                    (done, total) -> {
                        // The reader runs at most 48 MiB ahead of the first progress report: cut the file behind it.
                        if (done > 0 && done < (64L << 20)) {
                            truncate(source, 64L << 20);
                        }
                    }))
                    .isInstanceOf(SourceException.class)
                    .hasMessageContaining("ended at byte 67108864")
                    .hasMessageContaining("shrank while it was read");
        }
        assertThat(points()).isEmpty();
        assertThat(run("verify", "--repo", repo.toString(), "--password-file", password.toString()).status()).isZero();
    }

    @Test
    void anNbdServerThatGoesAwayMidReadFailsTheBackupWithoutHarm() throws Exception {
        Path earlier = disk("earlier.raw", 8);
        backup(earlier, "earlier");
        Path source = randomDisk("remote.raw", 96);
        try (NbdServer server = NbdServer.nbdkitFile(source).filter("delay", "rdelay=150ms").start();
             DataMoverProcess backup = DataMoverProcess.start(temp, "backup", "--repo", repo.toString(), "--password-file",
                     password.toString(), "--source", server.uri().toString(), "--disk", "remote")) {
            waitUntil("the backup has begun reading", () -> count(repo.resolve("index")) > 1);
            server.kill();
            DataMoverProcess.Finished finished = backup.waitFor();
            assertThat(finished.status()).isEqualTo(1);
            assertThat(finished.output()).contains("NBD server").contains(server.uri().toString());
        }
        assertThat(points()).hasSize(1);
        assertThat(run("verify", "--repo", repo.toString(), "--password-file", password.toString()).status()).isZero();
    }

    @Test
    void aPruneWaitsForARunningBackupAndLosesNothingOfIt() throws Exception {
        backup(disk("first.raw", 12), "vm");
        backup(disk("second.raw", 12), "vm");
        Path slowDisk = randomDisk("slow.raw", 96);
        // Eight 1 MiB reads in flight, each delayed 0.5 s: about 16 MB/s, six seconds for the disk.
        try (NbdServer slow = NbdServer.nbdkitFile(slowDisk).filter("delay", "rdelay=500ms").start();
             DataMoverProcess backup = DataMoverProcess.start(temp, "backup", "--repo", repo.toString(), "--password-file",
                     password.toString(), "--source", slow.uri().toString(), "--disk", "slow", "--json")) {
            long indexFiles = count(repo.resolve("index"));
            waitUntil("the backup holds the repository", () -> count(repo.resolve("index")) > indexFiles);
            DataMoverProcess.Finished prune = run("forget", "--repo", repo.toString(), "--password-file", password.toString(),
                    "--keep-last", "1", "--prune");
            assertThat(prune.status()).as(prune.output()).isZero();
            assertThat(prune.output()).contains("Waiting to prune");
            assertThat(backup.process().isAlive()).as("the prune ran only once the backup had finished").isFalse();
            DataMoverProcess.Finished finished = backup.waitFor();
            assertThat(finished.status()).as(finished.output()).isZero();
        }
        assertThat(run("verify", "--repo", repo.toString(), "--password-file", password.toString()).status()).isZero();
        Path restored = temp.resolve("slow-restored.raw");
        assertThat(run("restore", "--repo", repo.toString(), "--password-file", password.toString(), "--disk", "slow",
                "--target", restored.toString()).status()).isZero();
        assertThat(Files.mismatch(slowDisk, restored)).isEqualTo(-1);
    }

    // --- helpers ---------------------------------------------------------------------------

    private JsonNode backup(Path source, String diskName) throws Exception {
        DataMoverProcess.Finished result = run("backup", "--repo", repo.toString(), "--password-file", password.toString(),
                "--source", source.toString(), "--disk", diskName, "--json");
        assertThat(result.status()).as(result.output()).isZero();
        return ApiJson.mapper().readTree(lastLine(result.output()));
    }

    private DataMoverProcess.Finished restore(String point, Path target) {
        return run("restore", "--repo", repo.toString(), "--password-file", password.toString(), "--point", point,
                "--target", target.toString());
    }

    private JsonNode points() throws Exception {
        DataMoverProcess.Finished result = run("points", "--repo", repo.toString(), "--password-file", password.toString(), "--json");
        assertThat(result.status()).as(result.output()).isZero();
        return ApiJson.mapper().readTree(lastLine(result.output()));
    }

    private DataMoverProcess.Finished run(String... args) {
        return DataMoverProcess.run(temp, args);
    }

    private Path disk(String name, int mebibytes) throws Exception {
        Path disk = temp.resolve(name);
        SyntheticDisk.generate(disk, mebibytes, name.hashCode());
        return disk;
    }

    /** Incompressible, unique data: every block is new and fills packs fast. */
    private Path randomDisk(String name, int mebibytes) throws Exception {
        Path disk = temp.resolve(name);
        SplittableRandom random = new SplittableRandom(name.hashCode());
        byte[] block = new byte[1 << 20];
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int i = 0; i < mebibytes; i++) {
                random.nextBytes(block);
                channel.write(java.nio.ByteBuffer.wrap(block));
            }
        }
        return disk;
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> l.startsWith("{") || l.startsWith("[")).toList();
        assertThat(lines).as("a JSON line in:\n" + output).isNotEmpty();
        return lines.getLast();
    }

    private static long count(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void truncate(Path file, long size) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (channel.size() > size) {
                channel.truncate(size);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("waited 60 s for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static void mount(Path directory, String size) throws Exception {
        Processes.run(Duration.ofSeconds(20),
                List.of("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory.toString()));
    }

    private static void unmount(Path directory) throws Exception {
        Processes.run(Duration.ofSeconds(20), List.of("umount", directory.toString()));
    }
}
