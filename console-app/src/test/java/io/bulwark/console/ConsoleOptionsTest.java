package io.bulwark.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.console.ConsoleOptions.AutoLogin;
import io.bulwark.console.connection.EngineAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleOptionsTest {
    private static final Path HOME = Path.of("/home/ann");

    @Test
    void theConfigDirectoryFollowsXdgElseHome() {
        assertThat(ConsoleOptions.parse(List.of(), Map.of(), HOME).configDirectory())
                .isEqualTo(Path.of("/home/ann/.config/bulwark-console"));
        assertThat(ConsoleOptions.parse(List.of(), Map.of("XDG_CONFIG_HOME", "/xdg"), HOME).configDirectory())
                .isEqualTo(Path.of("/xdg/bulwark-console"));
        assertThat(ConsoleOptions.parse(List.of("--config-dir", "/etc/c"), Map.of(), HOME).configDirectory())
                .isEqualTo(Path.of("/etc/c"));
    }

    @Test
    void readsTheLaunchersAutoLogin() {
        ConsoleOptions options = ConsoleOptions.parse(List.of("--engine", "https://127.0.0.1:19500",
                "--trust-fingerprint", "AB:CD", "--user", "admin", "--password-file", "/run/pw"), Map.of(), HOME);

        assertThat(options.autoLogin()).contains(new AutoLogin(new EngineAddress("127.0.0.1", 19500), "AB:CD", "admin",
                Path.of("/run/pw")));
    }

    @Test
    void refusesHalfAnAutoLoginAndUnknownOptions() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--engine", "https://h:1"), Map.of(), HOME))
                .hasMessageContaining("give all four");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--config-dir"), Map.of(), HOME))
                .hasMessage("--config-dir needs a value.");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--verbose"), Map.of(), HOME))
                .hasMessage("Unknown option --verbose.");
    }

    @Test
    void helpWins() {
        assertThat(ConsoleOptions.parse(List.of("--help", "--bogus"), Map.of(), HOME).help()).isTrue();
    }

    @Test
    void thePasswordFileLosesOnlyItsLineBreak(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("pw"), " secret with spaces \n");
        AutoLogin login = new AutoLogin(new EngineAddress("h", 1), "AB", "admin", file);

        assertThat(login.readPassword()).isEqualTo(" secret with spaces ");
    }
}
