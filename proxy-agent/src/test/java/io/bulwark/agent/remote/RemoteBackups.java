package io.bulwark.agent.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.backup.Progress;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.testing.DataMoverProcess;
import io.bulwark.agent.testing.TestPki;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the network tests do again and again: a proxy's backup as a process, and local checks of the folder. */
final class RemoteBackups {
    static final String PASSWORD = "correct horse battery staple";
    private static final RepositoryOperations LOCAL = new RepositoryOperations(Clock.systemUTC(), Duration.ofMinutes(1),
            Runtime.getRuntime().availableProcessors(), notice -> { });

    private RemoteBackups() {
    }

    /** A new repository folder, made locally with the password, which the agent then serves without it. */
    static Path newRepository(Path directory) throws Exception {
        Path repository = directory.resolve("repo");
        LOCAL.init(repository, PASSWORD, "the stapled horse");
        return repository;
    }

    static Path passwordFile(Path directory, String password) throws IOException {
        Path file = Files.createTempFile(directory, "password-", ".txt");
        Files.writeString(file, password + "\n");
        return file;
    }

    /** The command line of {@code ./bulwark backup} into an agent, as a proxy with {@code identity} runs it. */
    static String[] backupArguments(String uri, Path passwordFile, Path disk, String diskName, TestPki.Issued identity,
                                    Path trusted) {
        return new String[] {"backup", "--repo", uri, "--password-file", passwordFile.toString(), "--source",
                disk.toString(), "--disk", diskName, "--cert", identity.certificatePath().toString(), "--key",
                identity.keyPath().toString(), "--ca", trusted.toString(), "--json"};
    }

    static DataMoverProcess.Finished backup(Path work, String uri, Path passwordFile, Path disk, String diskName,
                                            TestPki.Issued identity, Path trusted) {
        return DataMoverProcess.run(work, backupArguments(uri, passwordFile, disk, diskName, identity, trusted));
    }

    /** The summary line {@code --json} printed, among the messages. */
    static JsonNode summary(DataMoverProcess.Finished finished) {
        assertThat(finished.status()).as(finished.output()).isZero();
        String line = finished.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no JSON summary in:\n" + finished.output()));
        try {
            return ApiJson.mapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    /** Restores a point locally, from the folder, with the password; asserts it is {@code expected} bit for bit. */
    static void assertRestores(Path repository, String point, String diskName, Path expected, Path target) throws Exception {
        LOCAL.restore(repository, PASSWORD, point, diskName, target, Progress.NONE);
        assertThat(Files.mismatch(expected, target)).as("restored %s of %s", point, diskName).isEqualTo(-1);
    }

    static void assertVerifies(Path repository) throws Exception {
        var report = LOCAL.verify(repository, PASSWORD, Progress.NONE);
        assertThat(report.healthy()).as("%s %s", report.problems(), report.damagedPoints()).isTrue();
    }

    static int pointCount(Path repository) throws Exception {
        return LOCAL.points(repository, PASSWORD).size();
    }

    /** Every file of the repository with its size, but the lock file, which any operation may create. */
    static Map<String, Long> listing(Path repository) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(repository)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                String name = repository.relativize(file).toString();
                if (!name.startsWith("locks")) {
                    files.put(name, Files.size(file));
                }
            }
        }
        return files;
    }

    /** The packs in the repository. */
    static List<Path> packs(Path repository) throws IOException {
        List<Path> packs = new ArrayList<>();
        try (Stream<Path> all = Files.walk(repository.resolve("packs"))) {
            all.filter(f -> f.toString().endsWith(".pack")).forEach(packs::add);
        }
        return packs;
    }
}
