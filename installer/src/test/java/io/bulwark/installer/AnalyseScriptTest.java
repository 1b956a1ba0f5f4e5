package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyse} needs no root, so these run for any user. */
@Timeout(60)
class AnalyseScriptTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void factsAreWhatJavaSeesOnTheSameHost() throws Exception {
        Path datastore = Files.createDirectory(work.resolve("images"));
        Path aFile = Files.writeString(work.resolve("not-a-directory"), "x");
        try (ScriptHost host = new ScriptHost(root, work)) {
            ScriptHost.Run run = host.run("analyse", "--datastore", datastore.toString(),
                    "--datastore", work.resolve("missing").toString(), "--datastore", aFile.toString());

            assertThat(run.exit()).as("%s", run).isZero();
            HostAnalysis analysis = HostAnalysis.parse(run.stdout(), AT);
            var facts = analysis.facts();
            Map<String, String> osRelease = osRelease();
            assertThat(facts.os()).isEqualTo(osRelease.getOrDefault("NAME", "Linux"));
            assertThat(facts.osVersion()).isEqualTo(osRelease.getOrDefault("VERSION_ID", osRelease.get("VERSION")));
            assertThat(facts.kernel()).isEqualTo(System.getProperty("os.version"));
            assertThat(facts.architecture()).isEqualTo(normalisedArch(System.getProperty("os.arch")));
            assertThat(facts.cpuCores()).isIn(Runtime.getRuntime().availableProcessors(), nproc());
            assertThat(facts.memoryBytes()).isEqualTo(memTotalKib() * 1024);
            long total = Files.getFileStore(root).getTotalSpace();
            assertThat(facts.freeSpaceBytes()).isPositive().isLessThanOrEqualTo(total);
            assertThat(facts.systemd()).as("a relocated root has no systemd").isFalse();
            assertThat(facts.qemuNbd()).isEqualTo(onPath("qemu-nbd"));
            assertThat(facts.datastores()).containsExactly(datastore.toString());
            assertThat(facts.analysedAt()).isEqualTo(AT);
            assertThat(analysis.installedVersion()).isNull();
            assertThat(analysis.service()).isEqualTo(ServiceState.ABSENT);
            assertThat(analysis.stagedFiles()).isEmpty();
            assertThat(analysis.installedFiles()).isEmpty();
        }
    }

    @Test
    void stagedAndPartialFilesAreListedForResuming() throws IOException {
        try (ScriptHost host = new ScriptHost(root, work)) {
            BundleManifest manifest = host.stageBundle("agent jar v1");
            Files.delete(host.staging.resolve("runtime/lib/modules"));
            ScriptHost.writeFile(host.staging.resolve("runtime/lib/modules.part"), "12345");
            ScriptHost.writeFile(host.staging.resolve("dir with space/file name.txt"), "spaced");

            ScriptHost.Run run = host.run("analyse", "--staging", host.staging.toString());

            assertThat(run.exit()).as("%s", run).isZero();
            HostAnalysis analysis = HostAnalysis.parse(run.stdout(), AT);
            Map<String, String> expected = new HashMap<>(manifest.asMap());
            expected.remove("runtime/lib/modules");
            expected.put("MANIFEST", BundleManifest.sha256Of(host.staging.resolve("MANIFEST")));
            expected.put("dir with space/file name.txt",
                    BundleManifest.sha256Of(host.staging.resolve("dir with space/file name.txt")));
            assertThat(analysis.stagedFiles()).isEqualTo(expected);
            assertThat(analysis.partialFiles()).containsExactly(Map.entry("runtime/lib/modules", 5L));
            assertThat(manifest.missingFrom(analysis.stagedFiles(), analysis.installedFiles()))
                    .extracting(BundleManifest.Entry::path).containsExactly("runtime/lib/modules");
        }
    }

    @Test
    void aStagingDirectoryThatDoesNotExistListsNothing() throws IOException {
        try (ScriptHost host = new ScriptHost(root, work)) {
            ScriptHost.Run run = host.run("analyse", "--staging", work.resolve("nowhere").toString());

            assertThat(run.exit()).isZero();
            assertThat(run.output().has("staged")).isFalse();
            assertThat(run.output().has("partial")).isFalse();
            assertThat(run.output().asMap()).containsKeys("os", "os.version", "kernel", "arch", "cpu.cores",
                    "memory.bytes", "free.bytes", "systemd", "qemu_nbd", "installed.version", "service");
        }
    }

    @Test
    void anUnknownOptionIsAnError() throws IOException {
        try (ScriptHost host = new ScriptHost(root, work)) {
            ScriptHost.Run run = host.run("analyse", "--datastores", "/x");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.error()).contains("--datastores");
        }
    }

    static String normalisedArch(String javaArch) {
        return switch (javaArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> javaArch;
        };
    }

    private static Map<String, String> osRelease() throws IOException {
        Map<String, String> values = new HashMap<>();
        Path file = Path.of("/etc/os-release");
        if (!Files.exists(file)) {
            return values;
        }
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                String value = line.substring(equals + 1);
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                        || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                values.putIfAbsent(line.substring(0, equals), value);
            }
        }
        return values;
    }

    private static long memTotalKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError("no MemTotal in /proc/meminfo");
    }

    private static int nproc() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("nproc").start();
        String out = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor(10, TimeUnit.SECONDS);
        return Integer.parseInt(out);
    }

    private static boolean onPath(String program) {
        List<String> path = List.of((System.getenv().getOrDefault("PATH", "") + ":/usr/local/sbin:/usr/local/bin"
                + ":/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator));
        return path.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }
}
