package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code install}, run as root into a relocated root. The tests run as root on CI; a developer
 * who is not root sees them skipped, except the one about needing root.
 */
@Timeout(60)
class InstallScriptTest {
    @TempDir
    Path root;
    @TempDir
    Path work;
    ScriptHost host;

    @BeforeEach
    void host() throws IOException {
        host = new ScriptHost(root, work);
    }

    @AfterEach
    void stopEverything() {
        host.close();
    }

    @Test
    void installsTheBundleWithTightModesAndASecondRunChangesNothing() throws IOException {
        assumeTrue(Root.isRoot(), "installing needs root");
        BundleManifest manifest = host.stageBundle("agent jar v1");

        ScriptHost.Run first = install("1.0.0");

        assertThat(first.exit()).as("%s", first).isZero();
        assertThat(first.value("changed")).isEqualTo("true");
        assertThat(first.value("version")).isEqualTo("1.0.0");
        assertThat(first.value("files.copied")).isEqualTo("4");
        assertThat(first.value("service")).isEqualTo("stopped");
        Path bundle = host.bundle();
        assertThat(filesUnder(bundle)).hasSize(6);
        assertThat(Files.readString(bundle.resolve("VERSION"))).isEqualTo("1.0.0\n");
        assertThat(BundleManifest.parse(Files.readString(bundle.resolve("MANIFEST")))).isEqualTo(manifest);
        for (BundleManifest.Entry entry : manifest.entries()) {
            assertThat(BundleManifest.sha256Of(bundle.resolve(entry.path()))).isEqualTo(entry.sha256());
        }
        assertThat(mode(bundle.resolve("runtime/bin/java"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(bundle.resolve("lib/bulwark-agent.jar"))).isEqualTo("rw-r--r--");
        assertThat(mode(host.confDir())).isEqualTo("rwx------");
        assertThat(mode(root.resolve("var/lib/bulwark/agent"))).isEqualTo("rwx------");
        assertThat(mode(root.resolve("var/log/bulwark"))).isEqualTo("rwxr-x---");
        assertThat(mode(host.confDir().resolve("agent.conf"))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(host.confDir().resolve("agent.conf")))
                .contains("CONTROL_PORT=6162", "DATA_PORT_FIRST=2500", "DATA_PORT_LAST=3300");
        assertThat(root.resolve("opt/bulwark/agent.new")).doesNotExist();
        assertThat(root.resolve("opt/bulwark/agent.old")).doesNotExist();

        ScriptHost.Run second = install("1.0.0");

        assertThat(second.exit()).as("%s", second).isZero();
        assertThat(second.value("changed")).isEqualTo("false");
        assertThat(second.value("files.copied")).isEqualTo("0");
        assertThat(second.value("files.kept")).isEqualTo("4");

        HostAnalysis analysis = HostAnalysis.parse(host.run("analyse").stdout(), Instant.now());
        assertThat(analysis.installedVersion()).isEqualTo("1.0.0");
        assertThat(analysis.service()).isEqualTo(ServiceState.STOPPED);
        assertThat(analysis.installedFiles()).isEqualTo(manifest.asMap());
    }

    @Test
    void anUpgradeNeedsOnlyTheChangedFilesUploaded() throws IOException {
        assumeTrue(Root.isRoot(), "installing needs root");
        host.stageBundle("agent jar v1");
        assertThat(install("1.0.0").exit()).isZero();
        BundleManifest v2 = host.stageBundle("agent jar v2");
        HostAnalysis before = HostAnalysis.parse(host.run("analyse").stdout(), Instant.now());
        List<BundleManifest.Entry> toUpload = v2.missingFrom(before.installedFiles());
        assertThat(toUpload).extracting(BundleManifest.Entry::path).containsExactly("lib/bulwark-agent.jar");
        // What the engine does: a fresh staging directory with the MANIFEST and what is missing.
        for (BundleManifest.Entry entry : v2.entries()) {
            if (!toUpload.contains(entry)) {
                Files.delete(host.staging.resolve(entry.path()));
            }
        }

        ScriptHost.Run run = install("2.0.0");

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.value("changed")).isEqualTo("true");
        assertThat(run.value("files.copied")).isEqualTo("1");
        assertThat(run.value("files.kept")).isEqualTo("3");
        assertThat(Files.readString(host.bundle().resolve("lib/bulwark-agent.jar"))).isEqualTo("agent jar v2");
        assertThat(Files.readString(host.bundle().resolve("VERSION"))).isEqualTo("2.0.0\n");
        assertThat(filesUnder(host.bundle())).hasSize(6);
        assertThat(root.resolve("opt/bulwark/agent.old")).doesNotExist();
    }

    @Test
    void portsAreWrittenAndAnUpgradeWithoutPortsKeepsThem() throws IOException {
        assumeTrue(Root.isRoot(), "installing needs root");
        host.stageBundle("agent jar v1");

        ScriptHost.Run run = install("1.0.0", "--control-port", "7000", "--data-ports", "4000-4100");
        assertThat(run.exit()).as("%s", run).isZero();
        ScriptHost.Run again = install("1.0.0");

        assertThat(again.value("changed")).isEqualTo("false");
        assertThat(Files.readAllLines(host.confDir().resolve("agent.conf")))
                .contains("CONTROL_PORT=7000", "DATA_PORT_FIRST=4000", "DATA_PORT_LAST=4100");
        ScriptHost.Run changed = install("1.0.0", "--control-port", "7001");
        assertThat(changed.value("changed")).isEqualTo("true");
        assertThat(Files.readAllLines(host.confDir().resolve("agent.conf"))).contains("CONTROL_PORT=7001");

        ScriptHost.Run overlap = install("1.0.0", "--control-port", "4050");
        assertThat(overlap.exit()).isEqualTo(1);
        assertThat(overlap.error()).contains("4050").contains("4000-4100");
        ScriptHost.Run bad = install("1.0.0", "--data-ports", "5000-4000");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.error()).contains("5000-4000");
    }

    @Test
    void aCorruptStagedFileIsNamedAndNothingIsInstalled() throws IOException {
        assumeTrue(Root.isRoot(), "installing needs root");
        host.stageBundle("agent jar v1");
        Files.writeString(host.staging.resolve("runtime/lib/modules"), "flipped bits");

        ScriptHost.Run run = install("1.0.0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.error()).contains("corrupt: runtime/lib/modules").contains(host.staging.toString());
        assertThat(root.resolve("opt/bulwark/agent")).doesNotExist();
        assertThat(root.resolve("opt/bulwark/agent.new")).doesNotExist();
    }

    @Test
    void aMissingStagedFileIsNamed() throws IOException {
        assumeTrue(Root.isRoot(), "installing needs root");
        host.stageBundle("agent jar v1");
        Files.delete(host.staging.resolve("lib/bulwark-agent.jar"));

        ScriptHost.Run run = install("1.0.0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.error()).contains("missing: lib/bulwark-agent.jar");
        assertThat(root.resolve("opt/bulwark/agent")).doesNotExist();
    }

    @Test
    void aManifestThatPointsOutsideTheBundleIsRefused() throws IOException {
        assumeTrue(Root.isRoot(), "installing needs root");
        host.stageBundle("agent jar v1");
        String sha = BundleManifest.sha256Of(host.staging.resolve("lib/bulwark-agent.jar"));
        Files.writeString(host.staging.resolve("MANIFEST"), sha + "  ../../../../escaped\n", java.nio.file.StandardOpenOption.APPEND);

        ScriptHost.Run run = install("1.0.0");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.error()).contains("invalid lines (5)");
        assertThat(root.resolve("opt/bulwark/agent")).doesNotExist();
        assertThat(host.leftovers()).allMatch(p -> !p.contains("escaped"));
    }

    @Test
    void notEnoughSpaceExitsWithThree() throws IOException {
        assumeTrue(Root.isRoot(), "installing needs root");
        host.stageBundle("agent jar v1");
        long free = Files.getFileStore(root).getUsableSpace();
        // Sparse: it claims more bytes than the disk has free without taking any.
        try (RandomAccessFile big = new RandomAccessFile(host.staging.resolve("runtime/lib/modules").toFile(), "rw")) {
            big.setLength(free + (4L << 30));
        }

        ScriptHost.Run run = install("1.0.0");

        assertThat(run.exit()).as("%s", run).isEqualTo(3);
        assertThat(run.error()).matches("needs \\d+ MiB on .+, has \\d+ MiB: free space on the host and retry");
        assertThat(Long.parseLong(run.value("needed.bytes"))).isGreaterThan(free);
        assertThat(root.resolve("opt/bulwark/agent")).doesNotExist();
    }

    @Test
    void missingOptionsAreErrors() throws IOException {
        assertThat(host.run("install", "--version", "1").error()).contains("--staging");
        assertThat(host.run("install", "--staging", work.toString()).error()).contains("--version");
        assertThat(host.run("install", "--staging", work.toString(), "--version", "1;rm").error())
                .contains("may only hold");
        assertThat(host.run("install", "--staging").error()).contains("needs a value");
    }

    /**
     * The root check runs for real: as root the script is run as nobody through setpriv (the
     * script goes in on stdin, as nobody cannot read the temporary directory); otherwise it is
     * run directly.
     */
    @Test
    void commandsThatChangeTheHostNeedRoot() throws IOException {
        List<String> prefix = List.of();
        if (Root.isRoot()) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is needed to drop root");
            prefix = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        }
        host.stageBundle("agent jar v1");
        Path cert = work.resolve("cert.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n");
        List<List<String>> commands = List.of(
                List.of("install", "--staging", host.staging.toString(), "--version", "1.0.0"),
                List.of("keygen"),
                List.of("trust", "--cert", cert.toString(), "--ca", cert.toString()),
                List.of("start"), List.of("stop"), List.of("restart"), List.of("remove"));
        for (List<String> command : commands) {
            ScriptHost.Run run = host.runWithPrefix(prefix, command.toArray(String[]::new));

            assertThat(run.exit()).as("%s: %s", command, run).isEqualTo(4);
            assertThat(run.error()).contains("needs root").contains("sudo");
        }
        assertThat(host.runWithPrefix(prefix, "status").exit()).isZero();
        assertThat(host.leftovers()).isEmpty();
    }

    private ScriptHost.Run install(String version, String... more) {
        List<String> arguments = new java.util.ArrayList<>(
                List.of("install", "--staging", host.staging.toString(), "--version", version));
        arguments.addAll(List.of(more));
        return host.run(arguments.toArray(String[]::new));
    }

    static List<Path> filesUnder(Path directory) throws IOException {
        try (var walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
