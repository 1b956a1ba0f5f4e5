package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerScriptTest {
    @Test
    void theScriptIsOnTheClasspathWithItsHash() {
        byte[] bytes = InstallerScript.bytes();

        assertThat(InstallerScript.text()).startsWith("#!/bin/sh\n");
        assertThat(InstallerScript.sha256()).isEqualTo(InstallerScript.sha256Hex(bytes)).hasSize(64);
        bytes[0] = 'X';
        assertThat(InstallerScript.bytes()[0]).as("callers get a copy").isEqualTo((byte) '#');
    }

    @Test
    void theScriptIsPlainAscii() {
        for (byte b : InstallerScript.bytes()) {
            assertThat(b == '\n' || b >= 0x20 && b < 0x7f).as("byte %d", b).isTrue();
        }
    }

    /** dash, and busybox ash where installed, must accept the syntax: the hosts run either. */
    @Test
    void shellsParseTheScript(@TempDir Path dir) throws Exception {
        Path script = dir.resolve(InstallerScript.FILE_NAME);
        Files.write(script, InstallerScript.bytes());

        assertThat(exitOf("/bin/sh", "-n", script.toString())).isZero();
        for (String busybox : new String[] {"/bin/busybox", "/usr/bin/busybox"}) {
            if (Files.isExecutable(Path.of(busybox))) {
                assertThat(exitOf(busybox, "sh", "-n", script.toString())).isZero();
            }
        }
    }

    @Test
    void anUnknownCommandFailsWithAnErrorLine(@TempDir Path root, @TempDir Path work) throws IOException {
        try (ScriptHost host = new ScriptHost(root, work)) {
            ScriptHost.Run run = host.run("frobnicate");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.error()).contains("unknown command 'frobnicate'");
            assertThat(host.run().exit()).isEqualTo(1);
        }
    }

    private static int exitOf(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        if (process.exitValue() != 0) {
            System.err.println(output);
        }
        return process.exitValue();
    }
}
