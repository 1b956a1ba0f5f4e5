package io.bulwark.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void defaultsToTwoGibibytesInATemporaryDirectory() {
        assertThat(BenchOptions.parse(List.of())).isEqualTo(new BenchOptions(2048, Optional.empty(), false, false));
    }

    @Test
    void readsEveryOption() {
        BenchOptions options = BenchOptions.parse(List.of("--size-mib", "512", "--dir", "/tmp/b", "--keep"));

        assertThat(options.sizeMib()).isEqualTo(512);
        assertThat(options.directory()).contains(Path.of("/tmp/b"));
        assertThat(options.keep()).isTrue();
        assertThat(BenchOptions.parse(List.of("--help")).help()).isTrue();
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--size-mib"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--size-mib", "2G"))).hasMessageContaining("whole number");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--size-mib", "8"))).hasMessageContaining("at least 64");
        assertThatThrownBy(() -> BenchOptions.parse(List.of("--fast"))).hasMessageContaining("Unknown option '--fast'");
    }

    @Test
    void namesEachMissingPackageOnce() {
        assertThat(Prerequisites.missingPackages(program -> false))
                .containsExactly("restic", "borgbackup", "qemu-utils", "time");
        assertThat(Prerequisites.missingPackages(program -> !program.equals("qemu-nbd"))).containsExactly("qemu-utils");
        assertThat(Prerequisites.missingPackages(program -> true)).isEmpty();
    }

    @Test
    void stepTimeoutGrowsWithTheDisk() {
        assertThat(Benchmark.stepTimeout(2048).toSeconds()).isEqualTo(300 + 409);
    }

    @Test
    void theDataMoversCommandLineComesOneWordALine() throws Exception {
        assertThat(BulwarkCli.fromEnvironment("/jdk/bin/java\n-Xmx1g\n-XX:AOTCache=/a.aot\n-cp\n/a.jar\nMain\n"))
                .containsExactly("/jdk/bin/java", "-Xmx1g", "-XX:AOTCache=/a.aot", "-cp", "/a.jar", "Main");
        assertThatThrownBy(() -> BulwarkCli.fromEnvironment(null)).hasMessageContaining("./bulwark bench");
    }
}
