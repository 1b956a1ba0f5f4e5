package io.bulwark.installer.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.installer.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianPackageTest {
    @TempDir
    Path work;

    @Test
    void aPreReleaseSortsBeforeItsRelease() throws Exception {
        assertThat(DebianPackage.debianVersion("0.1.0")).isEqualTo("0.1.0");
        assertThat(DebianPackage.debianVersion("0.1.0-SNAPSHOT")).isEqualTo("0.1.0~snapshot");
        assertThat(DebianPackage.debianVersion("1.2.0-rc-1")).isEqualTo("1.2.0~rc.1");
        assertThat(run("dpkg", "--compare-versions", "0.1.0~snapshot", "lt", "0.1.0")).isZero();
        assertThat(ConsoleDistribution.numericVersion("0.1.0-SNAPSHOT")).isEqualTo("0.1.0");
    }

    /** dpkg-deb itself reads the package back: its control fields, conffiles, scripts and files. */
    @Test
    void thePackageCarriesItsFieldsScriptsAndFilesOwnedByRoot() throws Exception {
        Path root = Files.createDirectories(work.resolve("root"));
        Files.createDirectories(root.resolve("etc/sample"));
        Files.writeString(root.resolve("etc/sample/sample.conf"), "key=value\n");
        Files.createDirectories(root.resolve("opt/sample"));
        Files.write(root.resolve("opt/sample/data.bin"), new byte[5000]);
        DebianPackage sample = new DebianPackage("bulwark-sample", "0.2.0-SNAPSHOT", "passwd",
                List.of("A sample", "Its long description.", "", "After an empty line."),
                Map.of("postinst", "#!/bin/sh\nexit 0\n"), List.of("/etc/sample/sample.conf"));

        Path deb = sample.build(root, work);

        assertThat(deb.getFileName().toString()).isEqualTo("bulwark-sample_0.2.0~snapshot_amd64.deb");
        String info = output("dpkg-deb", "--info", deb.toString());
        assertThat(info).contains("Package: bulwark-sample", "Version: 0.2.0~snapshot", "Architecture: amd64",
                "Depends: passwd", "Installed-Size: 5", "  Its long description.\n  .\n  After an empty line.",
                "postinst", "conffiles");
        assertThat(output("dpkg-deb", "--field", deb.toString(), "Package")).isEqualTo("bulwark-sample\n");
        String contents = output("dpkg-deb", "--contents", deb.toString());
        assertThat(contents).contains("root/root", "./etc/sample/sample.conf", "./opt/sample/data.bin");
        Path extracted = work.resolve("control");
        run("dpkg-deb", "--control", deb.toString(), extracted.toString());
        assertThat(Files.readString(extracted.resolve("conffiles"))).isEqualTo("/etc/sample/sample.conf\n");
        assertThat(Files.isExecutable(extracted.resolve("postinst"))).isTrue();
    }

    /** The maintainer scripts and launcher run under dash (Debian's sh); shellcheck judges them where installed. */
    @Test
    void theScriptsArePosixShell() throws Exception {
        for (String name : List.of("engine/postinst", "engine/prerm", "engine/postrm", "engine/bulwark-engine",
                "console/postinst", "console/postrm")) {
            Path script = work.resolve(name.replace('/', '-'));
            FileTrees.resource("/io/bulwark/installer/dist/" + name, script, "rwxr-xr-x");
            assertThat(Files.readString(script)).startsWith("#!/bin/sh\n");
            assertThat(run("sh", "-n", script.toString())).as(name).isZero();
            if (Files.isExecutable(Path.of("/usr/bin/shellcheck"))) {
                assertThat(run("shellcheck", "-s", "sh", script.toString())).as("shellcheck " + name).isZero();
            }
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(text).isZero();
        return text;
    }
}
