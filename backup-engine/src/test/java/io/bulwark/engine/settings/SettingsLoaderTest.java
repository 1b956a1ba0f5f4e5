package io.bulwark.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path home;

    @Test
    void defaultsLiveInTheHomeFolderOnH2AndPort9392() {
        EngineSettings settings = loader(Map.of()).load(List.of());
        assertThat(settings.dataDirectory()).isEqualTo(home.resolve(".bulwark"));
        assertThat(settings.port()).isEqualTo(9392);
        assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(settings.database().jdbcUrl()).isEqualTo("jdbc:h2:file:" + home.resolve(".bulwark/database/bulwark"));
        assertThat(settings.sessionLifetime()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        Path data = home.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("engine.properties"), "api.port=1001\napi.bind-address=10.0.0.1\n"
                + "database.url=jdbc:postgresql://db/bulwark\ndatabase.user=from-file\ndatabase.password=file-secret\n");
        SettingsLoader loader = loader(Map.of("BULWARK_DATA_DIR", data.toString(), "BULWARK_PORT", "1002",
                "BULWARK_JDBC_USER", "from-env"));

        EngineSettings fromFileAndEnvironment = loader.load(List.of());
        assertThat(fromFileAndEnvironment.port()).isEqualTo(1002);
        assertThat(fromFileAndEnvironment.bindAddress()).isEqualTo("10.0.0.1");
        assertThat(fromFileAndEnvironment.database().user()).isEqualTo("from-env");
        assertThat(fromFileAndEnvironment.database().password()).isEqualTo("file-secret");
        assertThat(fromFileAndEnvironment.database().isPostgreSql()).isTrue();

        EngineSettings withFlags = loader.load(List.of("--port", "1003", "--jdbc-user=from-flag"));
        assertThat(withFlags.port()).isEqualTo(1003);
        assertThat(withFlags.database().user()).isEqualTo("from-flag");
    }

    @Test
    void theDatabasePasswordNeverShowsInToString() {
        EngineSettings settings = loader(Map.of("BULWARK_JDBC_PASSWORD", "s3cret")).load(List.of());
        assertThat(settings.database().password()).isEqualTo("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void aTildeMeansTheHomeFolder() {
        assertThat(loader(Map.of()).load(List.of("--data-dir", "~/bw")).dataDirectory()).isEqualTo(home.resolve("bw"));
    }

    @Test
    void wrongValuesSayWhatIsWrongAndWhereToFixIt() {
        assertThatThrownBy(() -> loader(Map.of("BULWARK_PORT", "70000")).load(List.of()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("'70000' is not a port number");
        assertThatThrownBy(() -> loader(Map.of()).load(List.of("--jdbc-url", "jdbc:mysql://x/y")))
                .hasMessageContaining("neither H2").hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE");
        assertThatThrownBy(() -> loader(Map.of()).load(List.of("--session-lifetime", "12 hours")))
                .hasMessageContaining("PT12H");
        assertThatThrownBy(() -> loader(Map.of()).load(List.of("--session-lifetime", "P365D")))
                .hasMessageContaining("between 1 second and 30 days");
        assertThatThrownBy(() -> loader(Map.of()).load(List.of("--port")))
                .hasMessageContaining("Option --port needs a value");
        assertThatThrownBy(() -> loader(Map.of()).load(List.of("--verbose")))
                .hasMessageContaining("Unknown option '--verbose'");
    }

    @Test
    void aNamedSettingsFileMaySayWhereTheDataAndTheLogsGo() throws Exception {
        Path etc = Files.createDirectories(home.resolve("etc"));
        Files.writeString(etc.resolve("engine.properties"), "data.dir=" + home.resolve("var/lib") + "\nlog.dir="
                + home.resolve("var/log") + "\napi.port=1005\n");

        EngineSettings settings = loader(Map.of("BULWARK_CONFIG", etc.resolve("engine.properties").toString()))
                .load(List.of());
        assertThat(settings.dataDirectory()).isEqualTo(home.resolve("var/lib"));
        assertThat(settings.logDirectory()).isEqualTo(home.resolve("var/log"));
        assertThat(settings.settingsFile()).isEqualTo(etc.resolve("engine.properties"));
        assertThat(settings.settingsFileInDataDirectory()).isFalse();
        assertThat(settings.port()).isEqualTo(1005);

        EngineSettings flagsWin = loader(Map.of()).load(List.of("--config", etc.resolve("engine.properties").toString(),
                "--data-dir", home.resolve("elsewhere").toString(), "--log-dir", home.resolve("logs2").toString()));
        assertThat(flagsWin.dataDirectory()).isEqualTo(home.resolve("elsewhere"));
        assertThat(flagsWin.logDirectory()).isEqualTo(home.resolve("logs2"));
    }

    @Test
    void theDataDirectorysOwnFileCannotMoveTheDataDirectory() throws Exception {
        Path data = Files.createDirectories(home.resolve(".bulwark"));
        Files.writeString(data.resolve("engine.properties"), "data.dir=/somewhere/else\n");
        EngineSettings settings = loader(Map.of()).load(List.of());
        assertThat(settings.dataDirectory()).isEqualTo(data);
        assertThat(settings.logDirectory()).isEqualTo(data.resolve("logs"));
        assertThat(settings.settingsFileInDataDirectory()).isTrue();
    }

    @Test
    void aNamedSettingsFileThatIsMissingIsAnError() {
        assertThatThrownBy(() -> loader(Map.of()).load(List.of("--config", home.resolve("nope.properties").toString())))
                .isInstanceOf(SettingsException.class).hasMessageContaining("nope.properties")
                .hasMessageContaining("does not exist");
    }

    @Test
    void helpAndTheTemplateNameEverySetting() {
        String help = SettingsLoader.help();
        String template = SettingsLoader.template();
        for (SettingsLoader.Setting setting : SettingsLoader.SETTINGS) {
            assertThat(help).contains(setting.environment());
            if (setting.flag() != null) {
                assertThat(help).contains(setting.flag() + " " + setting.value());
            }
            if (setting.property() != null) {
                assertThat(help).contains("property " + setting.property());
            }
            if (setting.example() != null) {
                assertThat(template).contains("#" + setting.property() + "=");
            }
        }
        assertThat(PackagedSettingsFile.text()).contains("data.dir=/var/lib/bulwark\n").contains("log.dir=/var/log/bulwark\n")
                .contains(template);
    }

    private SettingsLoader loader(Map<String, String> environment) {
        return new SettingsLoader(environment::get, home);
    }
}
