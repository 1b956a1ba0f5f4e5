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

    private SettingsLoader loader(Map<String, String> environment) {
        return new SettingsLoader(environment::get, home);
    }
}
