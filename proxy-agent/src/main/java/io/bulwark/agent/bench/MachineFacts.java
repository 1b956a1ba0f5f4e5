package io.bulwark.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The lines above the table that say what was measured, and on what. */
final class MachineFacts {
    private MachineFacts() {
    }

    static List<String> describe(Runner runner, Path work, BulwarkCli cli, Workload workload, int sizeMib)
            throws StepFailedException, IOException {
        long diskBytes = workload.diskBytes();
        String disk = String.format(Locale.ROOT, "Disk: %d MiB synthetic (%.1f MB; about 30%% zeroes, 30%% log text, 25%%"
                        + " random, 15%% repeated blocks), then %d blocks (%.1f%%) rewritten for the incrementals.",
                sizeMib, diskBytes / 1e6, workload.rewritten().size(), 100.0 * workload.rewritten().size() * SyntheticDisk.BLOCK
                        / diskBytes);
        String machine = String.format(Locale.ROOT, "Machine: %d cores (%s), %.1f GiB RAM, Linux %s. Before every timed"
                        + " step: sync, one read of its input files (page cache warm), up to a minute's wait for other"
                        + " processes to use under %.0f%% of the CPUs, and a scratch file written and deleted (fresh"
                        + " memory without the balloon's host faults).", Runtime.getRuntime().availableProcessors(), cpuModel(),
                memoryGib(), System.getProperty("os.version"), 100 * StepPreparation.QUIET_SHARE);
        String versions = String.format(Locale.ROOT, "Versions: JDK %s (the data mover %s its AOT cache), %s, %s, %s.",
                Runtime.version(), cli.usesAotCache() ? "with" : "WITHOUT", firstWords(version(runner, work, "restic",
                        "version"), 2), firstWords(version(runner, work, "borg", "--version"), 2),
                firstWords(version(runner, work, "qemu-img", "--version"), 3));
        return List.of("Bulwark benchmark", disk, machine, versions);
    }

    private static String version(Runner runner, Path work, String program, String option) throws StepFailedException {
        return runner.run(new ExternalCommand(program + " version", List.of(program, option), work)).strip();
    }

    private static String firstWords(String text, int count) {
        String[] words = text.lines().findFirst().orElse("").split("\\s+");
        return String.join(" ", List.of(words).subList(0, Math.min(count, words.length)));
    }

    private static String cpuModel() throws IOException {
        return procLine("/proc/cpuinfo", "model name").map(line -> line.substring(line.indexOf(':') + 1).strip())
                .orElse("unknown CPU");
    }

    private static double memoryGib() throws IOException {
        return procLine("/proc/meminfo", "MemTotal:")
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1048576.0).orElse(0.0);
    }

    private static Optional<String> procLine(String file, String prefix) throws IOException {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(path)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst();
        }
    }
}
