package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The supervised service, keys and certificates, the log, and removal, with the fake agent. */
@Timeout(60)
class ServiceScriptTest {
    @TempDir
    Path root;
    @TempDir
    Path work;
    ScriptHost host;

    @BeforeEach
    void installed() throws IOException {
        assumeTrue(Root.isRoot(), "the service needs root");
        host = new ScriptHost(root, work);
        host.stageBundle("agent jar v1");
        ScriptHost.Run run = host.run("install", "--staging", host.staging.toString(), "--version", "1.0.0");
        assertThat(run.exit()).as("%s", run).isZero();
    }

    @AfterEach
    void stopEverything() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void theSupervisorRestartsACrashedAgentAndStopLeavesNoProcess() throws Exception {
        assertThat(host.run("status").value("service")).isEqualTo("stopped");

        ScriptHost.Run started = host.run("start");

        assertThat(started.exit()).as("%s", started).isZero();
        assertThat(started.value("manager")).isEqualTo("supervisor");
        assertThat(started.value("service")).isEqualTo("running");
        long supervisor = Long.parseLong(started.value("supervisor.pid"));
        long agent = Long.parseLong(started.value("pid"));
        assertThat(ScriptHost.alive(supervisor)).isTrue();
        assertThat(ScriptHost.alive(agent)).isTrue();
        assertThat(ScriptHost.parentOf(agent)).isEqualTo(supervisor);
        assertThat(Files.readString(host.pidFile()).strip()).isEqualTo(Long.toString(supervisor));
        assertThat(host.run("start").value("pid")).as("start is idempotent").isEqualTo(Long.toString(agent));

        ProcessHandle.of(agent).orElseThrow().destroyForcibly();
        long restarted = waitForNewAgent(agent);

        assertThat(ScriptHost.parentOf(restarted)).isEqualTo(supervisor);
        assertThat(host.run("logtail").output().all("line"))
                .anyMatch(line -> line.contains("the agent exited with status 137, restarting"))
                .anyMatch(line -> line.contains("fake agent"));
        Set<Long> processes = new HashSet<>(List.of(supervisor, agent, restarted));
        ProcessHandle.of(supervisor).orElseThrow().descendants().forEach(p -> processes.add(p.pid()));

        ScriptHost.Run stopped = host.run("stop");

        assertThat(stopped.exit()).as("%s", stopped).isZero();
        assertThat(stopped.value("service")).isEqualTo("stopped");
        assertThat(stopped.value("pid")).isEmpty();
        assertThat(processes).noneMatch(ScriptHost::alive);
        assertThat(host.pidFile()).doesNotExist();
        assertThat(host.childPidFile()).doesNotExist();
        assertThat(host.run("stop").exit()).as("stop is idempotent").isZero();
    }

    @Test
    void withoutSystemdTheScriptBecomesAnInitScriptThatStartsTheAgentAfterAReboot() throws Exception {
        Files.createDirectories(root.resolve("etc/init.d"));
        Path updateRcD = work.resolve("bin/update-rc.d");
        ScriptHost.writeFile(updateRcD, "#!/bin/sh\necho \"$*\" >>\"$0.calls\"\n");
        Files.setPosixFilePermissions(updateRcD, PosixFilePermissions.fromString("rwxr-xr-x"));
        host.setEnvironment("BULWARK_UPDATE_RC_D", updateRcD.toString());
        Path calls = work.resolve("bin/update-rc.d.calls");
        Path initScript = root.resolve("etc/init.d/bulwark-agent");

        ScriptHost.Run started = host.run("start");

        assertThat(started.exit()).as("%s", started).isZero();
        assertThat(started.value("boot")).isEqualTo("sysv");
        assertThat(initScript).hasSameBinaryContentAs(host.script).isExecutable();
        assertThat(Files.readAllLines(calls)).containsExactly("bulwark-agent defaults");
        assertThat(host.run("restart").value("boot")).isEqualTo("sysv");
        assertThat(Files.readAllLines(calls)).as("enabled once, not at every start").hasSize(1);

        // A reboot: every process gone without a stop, and /run emptied.
        long supervisor = Long.parseLong(host.run("status").value("supervisor.pid"));
        long agent = Long.parseLong(host.run("status").value("pid"));
        ProcessHandle.of(supervisor).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(agent).ifPresent(ProcessHandle::destroyForcibly);
        awaitGone(supervisor, agent);
        Files.deleteIfExists(host.pidFile());
        Files.deleteIfExists(host.childPidFile());
        assertThat(host.run("status").value("service")).isEqualTo("stopped");

        ScriptHost.Run booted = host.runCopy(initScript, "start");

        assertThat(booted.exit()).as("%s", booted).isZero();
        assertThat(booted.value("service")).isEqualTo("running");
        assertThat(ScriptHost.alive(Long.parseLong(booted.value("pid")))).isTrue();

        ScriptHost.Run removed = host.run("remove", "--staging", host.staging.toString());

        assertThat(removed.exit()).as("%s", removed).isZero();
        assertThat(initScript).doesNotExist();
        assertThat(Files.readAllLines(calls)).containsExactly("bulwark-agent defaults", "-f bulwark-agent remove");
    }

    @Test
    void withoutInitScriptsTheStartSaysTheAgentWillNotComeBackAfterAReboot() {
        ScriptHost.Run started = host.run("start");

        assertThat(started.exit()).as("%s", started).isZero();
        assertThat(started.value("boot")).isEqualTo("none");
        assertThat(started.stderr()).contains("will not start by itself after a reboot");
    }

    @Test
    void restartAndUpgradeLeaveTheServiceRunning() throws IOException {
        ScriptHost.Run started = host.run("start");
        long firstSupervisor = Long.parseLong(started.value("supervisor.pid"));

        ScriptHost.Run restarted = host.run("restart");

        assertThat(restarted.value("service")).isEqualTo("running");
        assertThat(ScriptHost.alive(firstSupervisor)).isFalse();
        long secondAgent = Long.parseLong(restarted.value("pid"));

        host.stageBundle("agent jar v2");
        ScriptHost.Run upgraded = host.run("install", "--staging", host.staging.toString(), "--version", "2.0.0");

        assertThat(upgraded.exit()).as("%s", upgraded).isZero();
        assertThat(upgraded.value("service")).isEqualTo("running");
        ScriptHost.Run status = host.run("status");
        assertThat(status.value("service")).isEqualTo("running");
        assertThat(Long.parseLong(status.value("pid"))).isNotEqualTo(secondAgent);
        assertThat(ScriptHost.alive(secondAgent)).isFalse();
        assertThat(host.run("logtail", "--lines", "1").output().all("line")).hasSize(1);
    }

    @Test
    void installingTheSameBundleAgainDoesNotTouchTheRunningAgent() {
        long agent = Long.parseLong(host.run("start").value("pid"));

        ScriptHost.Run run = host.run("install", "--staging", host.staging.toString(), "--version", "1.0.0");

        assertThat(run.value("changed")).isEqualTo("false");
        assertThat(host.run("status").value("pid")).isEqualTo(Long.toString(agent));
    }

    @Test
    void keygenPrintsTheRequestOnceAndNeverTheKey() throws IOException {
        ScriptHost.Run first = host.run("keygen");

        assertThat(first.exit()).as("%s", first).isZero();
        assertThat(first.value("key.generated")).isEqualTo("true");
        assertThat(first.output().multiline("csr")).isEqualTo(ScriptHost.FAKE_CSR);
        assertThat(first.stdout() + first.stderr()).doesNotContain("PRIVATE");
        Path key = host.confDir().resolve("agent.key");
        assertThat(InstallScriptTest.mode(key)).isEqualTo("rw-------");
        assertThat(InstallScriptTest.mode(host.confDir().resolve("agent.csr"))).isEqualTo("rw-r--r--");
        String keyContent = Files.readString(key);

        ScriptHost.Run second = host.run("keygen");

        assertThat(second.value("key.generated")).isEqualTo("false");
        assertThat(second.output().multiline("csr")).isEqualTo(ScriptHost.FAKE_CSR);
        assertThat(Files.readString(key)).isEqualTo(keyContent);
    }

    @Test
    void trustInstallsTheCertificatesReadableByAll() throws IOException {
        Path cert = Files.writeString(work.resolve("agent.crt"), "-----BEGIN CERTIFICATE-----\nQUdFTlQ=\n-----END CERTIFICATE-----\n");
        Path ca = Files.writeString(work.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n");

        ScriptHost.Run first = host.run("trust", "--cert", cert.toString(), "--ca", ca.toString());
        ScriptHost.Run second = host.run("trust", "--cert", cert.toString(), "--ca", ca.toString());

        assertThat(first.exit()).as("%s", first).isZero();
        assertThat(first.value("changed")).isEqualTo("true");
        assertThat(second.value("changed")).isEqualTo("false");
        assertThat(host.confDir().resolve("agent.crt")).hasSameTextualContentAs(cert);
        assertThat(host.confDir().resolve("ca.crt")).hasSameTextualContentAs(ca);
        assertThat(InstallScriptTest.mode(host.confDir().resolve("ca.crt"))).isEqualTo("rw-r--r--");

        Path key = Files.writeString(work.resolve("key.pem"), "-----BEGIN CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n");
        ScriptHost.Run refused = host.run("trust", "--cert", key.toString(), "--ca", ca.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.error()).contains("private key");
        ScriptHost.Run notPem = host.run("trust", "--cert", work.resolve("nothing").toString(), "--ca", ca.toString());
        assertThat(notPem.error()).contains("cannot read");
    }

    @Test
    void removeLeavesNothingOfBulwarkAndCanRunAgain() throws Exception {
        host.run("keygen");
        Path cert = Files.writeString(work.resolve("agent.crt"), "-----BEGIN CERTIFICATE-----\nQQ==\n-----END CERTIFICATE-----\n");
        host.run("trust", "--cert", cert.toString(), "--ca", cert.toString());
        ScriptHost.Run started = host.run("start");
        Set<Long> processes = new HashSet<>(List.of(
                Long.parseLong(started.value("pid")), Long.parseLong(started.value("supervisor.pid"))));
        Files.writeString(root.resolve("var/log/bulwark/agent.log.1"), "a rotated log\n");

        ScriptHost.Run removed = host.run("remove", "--staging", host.staging.toString());

        assertThat(removed.exit()).as("%s", removed).isZero();
        assertThat(removed.value("changed")).isEqualTo("true");
        assertThat(removed.value("service")).isEqualTo("absent");
        assertThat(processes).noneMatch(ScriptHost::alive);
        assertThat(host.leftovers()).isEmpty();
        assertThat(host.staging).doesNotExist();
        host.deleteSkeleton();
        try (var left = Files.list(root)) {
            assertThat(left.toList()).isEmpty();
        }

        ScriptHost.Run again = host.run("remove");

        assertThat(again.exit()).as("%s", again).isZero();
        assertThat(again.value("changed")).isEqualTo("false");
        try (var left = Files.list(root)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void removeKeepsParentsThatHoldSomethingElse() throws IOException {
        Path other = Files.createDirectories(root.resolve("opt/bulwark/something-else"));

        ScriptHost.Run removed = host.run("remove");

        assertThat(removed.exit()).isZero();
        assertThat(other).isDirectory();
        assertThat(host.bundle()).doesNotExist();
        assertThat(removed.stderr()).contains("kept " + root.resolve("opt/bulwark"));
    }

    @Test
    void removeRefusesAStagingDirectoryThatIsNotOne() {
        ScriptHost.Run run = host.run("remove", "--staging", "/");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.error()).contains("refusing");
        assertThat(host.bundle()).as("nothing removed").isDirectory();
    }

    @Test
    void logtailWithoutALog() {
        ScriptHost.Run run = host.run("logtail", "--lines", "5");

        assertThat(run.exit()).isZero();
        assertThat(run.value("log")).isEqualTo("absent");
        assertThat(host.run("logtail", "--lines", "many").exit()).isEqualTo(1);
    }

    private static void awaitGone(long... pids) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (java.util.Arrays.stream(pids).anyMatch(ScriptHost::alive)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("processes still alive 10 s after SIGKILL: " + java.util.Arrays.toString(pids));
            }
            Thread.sleep(50);
        }
    }

    private long waitForNewAgent(long old) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            String pid = host.run("status").value("pid");
            if (pid != null && !pid.isEmpty() && Long.parseLong(pid) != old && ScriptHost.alive(Long.parseLong(pid))) {
                return Long.parseLong(pid);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the supervisor did not restart the agent within 10 s");
    }
}
