package io.bulwark.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.bench.SyntheticDisk;
import io.bulwark.protocol.ApiJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as scripts use it, in process: every command, its output and its exit status. */
class CommandLineTest {
    @TempDir
    Path temp;
    Path repo;
    Path password;
    Path disk;

    @BeforeEach
    void setUp() throws Exception {
        repo = temp.resolve("repo");
        password = temp.resolve("password");
        Files.writeString(password, "correct horse battery staple\n");
        disk = temp.resolve("vm-disk.raw");
        SyntheticDisk.generate(disk, 40, 1);
        assertThat(run("repo", "init", "--repo", repo.toString(), "--password-file", password.toString(),
                "--hint", "the stapled horse").status()).isZero();
    }

    @Test
    void aBackupRestoresBitForBitAsASparseFile() throws Exception {
        Result backup = run("backup", "--repo", repo.toString(), "--password-file", password.toString(),
                "--source", disk.toString(), "--json");
        assertThat(backup.status()).as(backup.err()).isZero();
        JsonNode summary = backup.json();
        assertThat(summary.path("diskBytes").asLong()).isEqualTo(40L << 20);
        assertThat(summary.path("bytesWritten").asLong()).isPositive().isLessThan(summary.path("bytesNew").asLong());
        assertThat(summary.path("zeroBlocks").asLong()).isPositive();
        assertThat(summary.path("bytesRead").asLong()).as("the source's holes are not read")
                .isPositive().isLessThanOrEqualTo(allocatedBytes(disk)).isLessThan(Files.size(disk));
        assertThat(summary.path("pointId").asText()).hasSize(32);

        Path target = temp.resolve("restored.raw");
        Result restore = run("restore", "--repo", repo.toString(), "--password-file", password.toString(),
                "--target", target.toString(), "--json");
        assertThat(restore.status()).as(restore.err()).isZero();
        assertThat(Files.mismatch(disk, target)).isEqualTo(-1);
        assertThat(allocatedBytes(target)).as("zero blocks restored as holes").isLessThan(Files.size(target));
        assertThat(target.resolveSibling("restored.raw.partial")).doesNotExist();
    }

    @Test
    void anIncrementalBackupStoresOnlyChangedBlocksAndEveryPointRestoresOnItsOwn() throws Exception {
        backup(disk, "disk0");
        Path changed = temp.resolve("changed.raw");
        SyntheticDisk.changed(disk, changed, 5, 2);
        JsonNode second = backup(changed, "disk0");
        assertThat(second.path("bytesNew").asLong()).as("only the rewritten blocks are new")
                .isGreaterThan(0).isLessThanOrEqualTo(3L << 20);

        Result points = run("points", "--repo", repo.toString(), "--password-file", password.toString(), "--json");
        JsonNode list = points.json();
        assertThat(list).hasSize(2);
        String first = list.get(0).path("id").asText();

        Path firstRestored = temp.resolve("first.raw");
        assertThat(run("restore", "--repo", repo.toString(), "--password-file", password.toString(), "--point",
                first.substring(0, 8), "--target", firstRestored.toString()).status()).isZero();
        assertThat(Files.mismatch(disk, firstRestored)).isEqualTo(-1);
        Path latest = temp.resolve("latest.raw");
        assertThat(run("restore", "--repo", repo.toString(), "--password-file", password.toString(), "--disk", "disk0",
                "--target", latest.toString()).status()).isZero();
        assertThat(Files.mismatch(changed, latest)).isEqualTo(-1);
    }

    @Test
    void everyBlockSizeAndCompressionRoundTrips() throws Exception {
        for (String blockSize : List.of("256K", "4M")) {
            for (String compression : List.of("none", "high")) {
                String name = blockSize + "-" + compression;
                assertThat(run("backup", "--repo", repo.toString(), "--password-file", password.toString(), "--source",
                        disk.toString(), "--disk", name, "--block-size", blockSize, "--compression", compression)
                        .status()).as(name).isZero();
                Path target = temp.resolve(name + ".raw");
                assertThat(run("restore", "--repo", repo.toString(), "--password-file", password.toString(), "--disk",
                        name, "--target", target.toString()).status()).isZero();
                assertThat(Files.mismatch(disk, target)).as(name).isEqualTo(-1);
            }
        }
        assertThat(run("backup", "--repo", repo.toString(), "--password-file", password.toString(), "--source",
                disk.toString(), "--block-size", "3M").err()).contains("256K, 512K, 1M or 4M");
    }

    @Test
    void verifyPassesOnAHealthyRepository() {
        backup(disk, "disk0");
        Result verify = run("verify", "--repo", repo.toString(), "--password-file", password.toString());
        assertThat(verify.status()).as(verify.err()).isZero();
        assertThat(verify.err()).contains("no damage");
    }

    @Test
    void forgetKeepsTheNewestAndPruneFreesTheRest() throws Exception {
        backup(disk, "disk0");
        Path other = temp.resolve("other.raw");
        SyntheticDisk.generate(other, 20, 99);
        backup(other, "disk0");
        long before = repositoryBytes();
        Result forget = run("forget", "--repo", repo.toString(), "--password-file", password.toString(),
                "--keep-last", "1", "--prune");
        assertThat(forget.status()).as(forget.err()).isZero();
        assertThat(forget.err()).contains("Forgot 1 restore point(s), kept 1").contains("Pruned");
        assertThat(repositoryBytes()).isLessThan(before);
        assertThat(run("verify", "--repo", repo.toString(), "--password-file", password.toString()).status()).isZero();
        Path target = temp.resolve("kept.raw");
        assertThat(run("restore", "--repo", repo.toString(), "--password-file", password.toString(), "--target",
                target.toString()).status()).isZero();
        assertThat(Files.mismatch(other, target)).isEqualTo(-1);
    }

    @Test
    void pruneRewritesPacksThatAreMostlyGarbageAndKeepsTheirLiveBlocks() throws Exception {
        // Incompressible blocks of one size, so that pack bytes follow block counts.
        Path random = temp.resolve("random.raw");
        byte[] data = new byte[32 << 20];
        new java.util.Random(4).nextBytes(data);
        Files.write(random, data);
        backup(random, "disk0");
        Path mostlyChanged = temp.resolve("mostly-changed.raw");
        byte[] changed = data.clone();
        java.util.Random which = new java.util.Random(5);
        for (int block = 0; block < 32; block++) {
            if (which.nextInt(10) < 8) {
                byte[] fresh = new byte[1 << 20];
                which.nextBytes(fresh);
                System.arraycopy(fresh, 0, changed, block << 20, 1 << 20);
            }
        }
        Files.write(mostlyChanged, changed);
        backup(mostlyChanged, "disk0");
        Result prune = run("forget", "--repo", repo.toString(), "--password-file", password.toString(),
                "--keep-last", "1", "--prune");
        assertThat(prune.status()).as(prune.err()).isZero();
        assertThat(prune.err()).containsPattern("Pruned: \\d+ unneeded block\\(s\\), \\d+ pack\\(s\\) deleted, [1-9]\\d* rewritten");
        assertThat(run("verify", "--repo", repo.toString(), "--password-file", password.toString()).status()).isZero();
        Path target = temp.resolve("after-rewrite.raw");
        assertThat(run("restore", "--repo", repo.toString(), "--password-file", password.toString(), "--target",
                target.toString()).status()).isZero();
        assertThat(Files.mismatch(mostlyChanged, target)).isEqualTo(-1);
    }

    @Test
    void aNewPasswordOpensTheSameRepositoryAndRewritesNoData() throws Exception {
        backup(disk, "disk0");
        long packsBefore = repositoryBytes();
        Path newPassword = temp.resolve("new-password");
        Files.writeString(newPassword, "a brand new password\n");
        assertThat(run("repo", "passwd", "--repo", repo.toString(), "--password-file", password.toString(),
                "--new-password-file", newPassword.toString()).status()).isZero();
        assertThat(repositoryBytes()).isEqualTo(packsBefore);
        assertThat(run("points", "--repo", repo.toString(), "--password-file", newPassword.toString()).status()).isZero();
        assertThat(run("points", "--repo", repo.toString(), "--password-file", password.toString()).err())
                .contains("Wrong repository password");
    }

    @Test
    void badInputGetsAClearMessageAndStatusOne() throws Exception {
        Path wrong = temp.resolve("wrong");
        Files.writeString(wrong, "not the password\n");
        Result wrongPassword = run("points", "--repo", repo.toString(), "--password-file", wrong.toString());
        assertThat(wrongPassword.status()).isEqualTo(1);
        assertThat(wrongPassword.err()).contains("Wrong repository password. Hint: the stapled horse");

        Result missing = run("points", "--repo", temp.resolve("nowhere").toString(), "--password-file", password.toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("There is no Bulwark repository at").contains("repo init");

        Result noSource = run("backup", "--repo", repo.toString(), "--password-file", password.toString(), "--source",
                temp.resolve("absent.raw").toString());
        assertThat(noSource.status()).isEqualTo(1);
        assertThat(noSource.err()).contains("does not exist");

        assertThat(run("backup", "--repo", repo.toString(), "--colour", "red").err()).contains("unknown option '--colour'");
        assertThat(run("restore", "--repo", repo.toString(), "--password-file", password.toString()).err())
                .contains("restore needs --target");
        assertThat(run("frobnicate").status()).isEqualTo(1);
        assertThat(run("repo", "init", "--repo", repo.toString(), "--password-file", password.toString()).err())
                .contains("already a Bulwark repository");
        assertThat(run("restore", "--repo", repo.toString(), "--password-file", password.toString(), "--target",
                temp.resolve("x").toString()).err()).contains("has no restore point yet");
    }

    private JsonNode backup(Path source, String diskName) {
        Result result = run("backup", "--repo", repo.toString(), "--password-file", password.toString(), "--source",
                source.toString(), "--disk", diskName, "--json");
        assertThat(result.status()).as(result.err()).isZero();
        return result.json();
    }

    private long repositoryBytes() throws Exception {
        try (Stream<Path> files = Files.walk(repo)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("keys"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** The bytes a file really occupies on disk, as stat counts them: less than its size when it has holes. */
    static long allocatedBytes(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
        String[] blocks = new String(stat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip().split(" ");
        stat.waitFor();
        return Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]);
    }

    record Result(int status, String out, String err) {
        JsonNode json() {
            try {
                return ApiJson.mapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + out + "\n" + err, e);
            }
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = AgentMain.run(new ArrayList<>(Arrays.asList(args)), new Command.Terminal(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
