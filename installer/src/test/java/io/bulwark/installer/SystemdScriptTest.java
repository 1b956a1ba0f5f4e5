package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd branch, against a stand-in systemctl (BULWARK_SYSTEMCTL) that records its calls:
 * the test must not register a unit with the machine's own systemd.
 */
@Timeout(60)
class SystemdScriptTest {
    /** Remembers whether the unit was started, and reports a fixed MainPID. */
    private static final String FAKE_SYSTEMCTL = """
            #!/bin/sh
            dir=$(dirname "$0")
            echo "$*" >>"$dir/systemctl.calls"
            case $1 in
            start) touch "$dir/active" ;;
            stop) rm -f "$dir/active" ;;
            is-active) [ -f "$dir/active" ] ;;
            show) echo "MainPID=4242" ;;
            esac
            """;

    @TempDir
    Path root;
    @TempDir
    Path work;
    ScriptHost host;
    Path calls;

    @BeforeEach
    void systemdHost() throws IOException {
        assumeTrue(Root.isRoot(), "the service needs root");
        host = new ScriptHost(root, work);
        Files.createDirectories(root.resolve("run/systemd/system"));
        Files.createDirectories(root.resolve("etc/systemd/system"));
        Path systemctl = work.resolve("bin/systemctl");
        ScriptHost.writeFile(systemctl, FAKE_SYSTEMCTL);
        Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwxr-xr-x"));
        host.setEnvironment("BULWARK_SYSTEMCTL", systemctl.toString());
        calls = work.resolve("bin/systemctl.calls");
        host.stageBundle("agent jar v1");
        assertThat(host.run("install", "--staging", host.staging.toString(), "--version", "1.0.0").exit()).isZero();
    }

    @AfterEach
    void stopEverything() {
        if (host != null) {
            host.close();
        }
    }

    @Test
    void startWritesAndEnablesTheUnitAndRemoveTakesItAway() throws IOException {
        assertThat(host.run("analyse").value("systemd")).isEqualTo("true");

        ScriptHost.Run started = host.run("start");

        assertThat(started.exit()).as("%s", started).isZero();
        assertThat(started.value("manager")).isEqualTo("systemd");
        assertThat(started.value("service")).isEqualTo("running");
        assertThat(started.value("pid")).isEqualTo("4242");
        Path unit = root.resolve("etc/systemd/system/bulwark-agent.service");
        String text = Files.readString(unit);
        assertThat(text).contains("ExecStart=/bin/sh -c 'exec " + host.bundle().resolve("runtime/bin/java")
                + " -jar " + host.bundle().resolve("lib/bulwark-agent.jar") + " agent run --config " + host.confDir()
                + " >>" + root.resolve("var/log/bulwark/agent.log") + " 2>&1'");
        assertThat(text).contains("Restart=always", "WantedBy=multi-user.target");
        assertThat(Files.readAllLines(calls)).containsExactly(
                "daemon-reload", "enable bulwark-agent.service",
                "start bulwark-agent.service", "is-active bulwark-agent.service", "show -p MainPID bulwark-agent.service");
        assertThat(host.pidFile()).as("no supervisor under systemd").doesNotExist();

        ScriptHost.Run stopped = host.run("stop");
        assertThat(stopped.value("service")).isEqualTo("stopped");
        assertThat(stopped.value("pid")).isEmpty();

        host.run("start");
        Files.delete(calls);
        ScriptHost.Run removed = host.run("remove", "--staging", host.staging.toString());

        assertThat(removed.exit()).as("%s", removed).isZero();
        assertThat(Files.readAllLines(calls)).contains(
                "stop bulwark-agent.service", "disable bulwark-agent.service", "daemon-reload");
        assertThat(unit).doesNotExist();
        assertThat(host.leftovers()).containsExactlyInAnyOrder("etc/systemd", "etc/systemd/system",
                "run/systemd", "run/systemd/system");
    }
}
