package io.bulwark.installer.dist;

import io.bulwark.installer.FileTrees;
import io.bulwark.installer.BundleManifest;
import io.bulwark.installer.bundle.RuntimeImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes every distribution of one build into one folder: the console (application image and
 * Debian package), the engine (tarball and Debian package), the agent bundle the engine pushes,
 * and SHA256SUMS over them. All are for x86_64 Linux; on another build host this refuses.
 * The distribution module runs it in its package phase ({@code ./bulwark dist}).
 */
public final class DistributionBuilder {
    private DistributionBuilder() {
    }

    /** Arguments: {@code --version V --engine-jar F --engine-lib D --console-jar F --console-lib D --assets-jar F --agent-bundle D --work D --output D}. */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        DistributionInputs in = new DistributionInputs(required(options, "--version"),
                path(options, "--engine-jar"), path(options, "--engine-lib"), path(options, "--console-jar"),
                path(options, "--console-lib"), path(options, "--assets-jar"), path(options, "--agent-bundle"),
                path(options, "--work"), path(options, "--output"));
        long started = System.nanoTime();
        List<Path> made = build(in);
        System.out.printf("Distributions of Bulwark %s (x86_64 Linux) in %s, made in %.0f s:%n", in.version(), in.output(),
                (System.nanoTime() - started) / 1e9);
        for (Path file : made) {
            System.out.printf("  %-55s %6.1f MiB%n", file.getFileName(), Files.size(file) / 1048576.0);
        }
    }

    public static List<Path> build(DistributionInputs in) throws IOException {
        RuntimeImage.requireSupportedBuildHost();
        Files.createDirectories(in.work());
        Files.createDirectories(in.output());
        removeEarlierDistributions(in.output());
        List<Path> made = new ArrayList<>();
        made.add(agentBundle(in));
        made.addAll(EngineDistribution.build(in));
        made.addAll(ConsoleDistribution.build(in));
        made.add(checksums(made, in.output()));
        return made;
    }

    /**
     * Only what an earlier build made goes: the folder is the admin's choice and may hold other
     * files (a download folder, a web server's root).
     */
    private static void removeEarlierDistributions(Path output) throws IOException {
        try (var files = Files.list(output)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && (name.equals("SHA256SUMS") || name.startsWith("bulwark-")
                        && (name.endsWith(".deb") || name.endsWith(".tar.gz")))) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The bundle as the engine deploys it, for admins who stage it on hosts themselves. */
    private static Path agentBundle(DistributionInputs in) throws IOException {
        if (!Files.isRegularFile(in.agentBundle().resolve(BundleManifest.FILE_NAME))) {
            throw new IOException("The agent bundle in " + in.agentBundle() + " is missing: build installer first.");
        }
        Path work = in.work().resolve("agent");
        FileTrees.delete(work);
        Path tree = Files.createDirectories(work).resolve("bulwark-agent");
        FileTrees.copy(in.agentBundle(), tree, true);
        return Tarball.create(tree, in.output().resolve("bulwark-agent-" + in.version() + "-linux-"
                + RuntimeImage.ARCHITECTURE + ".tar.gz"));
    }

    private static Path checksums(List<Path> files, Path output) throws IOException {
        StringBuilder sums = new StringBuilder();
        for (Path file : files) {
            sums.append(BundleManifest.sha256Of(file)).append("  ").append(file.getFileName()).append('\n');
        }
        Path file = output.resolve("SHA256SUMS");
        Files.writeString(file, sums, StandardCharsets.UTF_8);
        return file;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("DistributionBuilder needs " + name);
        }
        return value;
    }

    private static Path path(Map<String, String> options, String name) {
        return Path.of(required(options, name)).toAbsolutePath().normalize();
    }
}
