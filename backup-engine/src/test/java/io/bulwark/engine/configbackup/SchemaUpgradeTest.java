package io.bulwark.engine.configbackup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.jobs.JobAction;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine with data made by the previous release's schema starts on the new build and loses
 * nothing. The data is the schema-8 fixture ({@code src/test/resources/upgrade/schema-8}, see its
 * README): a database script, its keys, its encrypted repository, and what every list endpoint
 * answered on the engine that made it.
 */
class SchemaUpgradeTest {
    private static final String FIXTURE_SCHEMA = "8";

    @TempDir
    Path temp;

    @Test
    void anEngineOnTheSchema8FixtureBacksItUpMigratesAndAnswersEveryListAsBefore() throws Exception {
        Path root = temp.toRealPath().resolve("sample");
        Path data = root.resolve("data");
        JsonNode sample = loadFixture(root, data);

        // A backup that cannot be written stops the migration: the engine refuses to start, the schema stays.
        Files.writeString(data.resolve("backups"), "a file where the backups folder belongs");
        EngineProcess.Refusal refusal = EngineProcess.startExpectingRefusal(data, Map.of());
        assertThat(refusal.exitStatus()).isEqualTo(1);
        assertThat(refusal.output()).contains("needs migrating from schema 8 to " + Migrations.latestKnown())
                .contains("could not be written").contains("The database was not changed");
        assertThat(schemaVersion(data)).isEqualTo(FIXTURE_SCHEMA);
        Files.delete(data.resolve("backups"));

        Path backup;
        try (EngineProcess engine = EngineProcess.start(data, Map.of())) {
            assertThat(engine.output()).contains("Saved the configuration (schema 8) to");
            TestApi admin = TestApi.of(engine).login("admin", SchemaFixtureGenerator.ADMIN_PASSWORD);

            List<String> differences = new ArrayList<>();
            for (String path : SampleConfiguration.LISTS) {
                JsonNode expected = expected(root, ApiPaths.collection(path));
                differences.addAll(SampleConfiguration.differences(path, expected, admin.get(path).expect(200)));
            }
            JsonNode audit = admin.get(ApiPaths.AUDIT).expect(200);
            differences.addAll(SampleConfiguration.differences(ApiPaths.AUDIT, expected(root, "audit"),
                    tail(audit, expected(root, "audit").size())));
            assertThat(differences).as("nothing missing or changed").isEmpty();

            JsonNode backups = admin.get(ApiPaths.CONFIGURATION_BACKUPS).expect(200);
            assertThat(backups).hasSize(1);
            assertThat(backups.get(0).path("kind").asText()).isEqualTo("BEFORE_MIGRATION");
            assertThat(backups.get(0).path("schemaVersion").asText()).isEqualTo(FIXTURE_SCHEMA);
            backup = data.resolve("backups").resolve(backups.get(0).path("fileName").asText());

            // The repository names each disk by its path when the fixture was made, so the point cannot be
            // restored from this folder; a health check reads every block of it through the job's folder,
            // which opens only with the job's password, stored under the master key by the old schema.
            UUID job = uuid(sample, "job");
            JsonNode check = admin.sessionToEnd(uuid(admin.post(ApiPaths.jobAction(job, JobAction.HEALTH_CHECK), null)
                    .expect(202), "id"));
            assertThat(check.path("session").path("state").asText()).as(check.toString()).isEqualTo("SUCCESS");
            JsonNode point = admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200).get(0);
            assertThat(point.path("id").asText()).isEqualTo(sample.path("point").asText());
            assertThat(point.path("health").asText()).isEqualTo("HEALTHY");
            engine.stop();
        }
        assertThat(schemaVersion(data)).isEqualTo(Migrations.latestKnown().getVersion());
        assertThat(backup.getFileName().toString()).matches("before-schema-" + Migrations.latestKnown()
                + "-\\d{8}T\\d{6}Z\\.bcb");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        ConfigurationBackupTest.Command info = ConfigurationBackupTest.inProcess("info", "--in", backup.toString());
        assertThat(info.status()).as(info.toString()).isZero();
        assertThat(info.out()).contains("schema version 8 (this engine imports it)")
                .contains("the master key of the data directory that made it");

        // The backup is a schema-8 export: it loads into a new data directory through schema 8, then migrates.
        Path other = root.resolve("other");
        ConfigurationBackupTest.Command imported = ConfigurationBackupTest.inProcess("import", "--in",
                backup.toString(), "--master-key", data.resolve("master.key").toString(), "--data-dir",
                other.toString());
        assertThat(imported.status()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Making the schema, version 8")
                .contains("Migrated the configuration from schema 8 to " + Migrations.latestKnown());
        assertThat(schemaVersion(other)).isEqualTo(Migrations.latestKnown().getVersion());
        assertThat(Files.readAllBytes(other.resolve("tls/engine.p12")))
                .isEqualTo(Files.readAllBytes(data.resolve("tls/engine.p12")));

        // Imported again over what it made: what it replaces is kept, sealed with the key it needs.
        ConfigurationBackupTest.Command again = ConfigurationBackupTest.inProcess("import", "--in",
                backup.toString(), "--master-key", data.resolve("master.key").toString(), "--data-dir",
                other.toString());
        assertThat(again.status()).as(again.toString()).isZero();
        Path kept;
        try (Stream<Path> folders = Files.list(other.resolve("backups"))) {
            kept = folders.filter(f -> f.getFileName().toString().startsWith("before-import-")).findFirst()
                    .orElseThrow();
        }
        assertThat(kept.resolve("master.key")).exists();
        assertThat(kept.resolve("tls/engine.p12")).exists();
        ConfigurationBackupTest.Command keptInfo = ConfigurationBackupTest.inProcess("info", "--in",
                kept.resolve("configuration.bcb").toString());
        assertThat(keptInfo.out()).contains("schema version " + Migrations.latestKnown());
    }

    @Test
    void aBackupFromANewerSchemaIsRefusedNamingTheReleaseToInstall() throws Exception {
        Path root = temp.toRealPath();
        byte[] file = BackupFile.write(new BackupContent("99", List.of(), List.of()), new BackupFile.Origin("99",
                "7.1.0", Instant.now(), "future", "H2", null), new Seal.Password("a password of the future"));
        Path newer = ConfigurationBackupTest.write(root.resolve("newer.bcb"), file);
        Path password = ConfigurationBackupTest.write(root.resolve("password"), "a password of the future\n");

        ConfigurationBackupTest.Command refused = ConfigurationBackupTest.inProcess("import", "--in", newer.toString(),
                "--password-file", password.toString(), "--data-dir", root.resolve("data").toString());

        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("schema version 99, made by Bulwark 7.1.0")
                .contains("Install Bulwark 7.1.0 or later").contains("Nothing was changed");
        assertThat(root.resolve("data")).doesNotExist();
        assertThat(ConfigurationBackupTest.inProcess("info", "--in", newer.toString()).out())
                .contains("install Bulwark 7.1.0 or later");
    }

    /** The fixture laid out under {@code root} as the generator's sample was; answers its sample.json. */
    private static JsonNode loadFixture(Path root, Path data) throws Exception {
        Path fixture = fixture();
        copyTree(fixture.resolve("vault"), root.resolve("vault"));
        SampleConfiguration.writeImage(root.resolve("datastore"));
        Files.createDirectories(data.resolve("tls"));
        for (String file : List.of("master.key", "tls/engine.p12", "tls/engine.crt", "tls/ca.p12", "tls/ca.crt")) {
            Files.copy(fixture.resolve(file), data.resolve(file));
            Files.setPosixFilePermissions(data.resolve(file), PosixFilePermissions.fromString("rw-------"));
        }
        Path script = Files.writeString(root.resolve("database.sql"), Files.readString(fixture.resolve("database.sql"))
                .replace(SchemaFixtureGenerator.ROOT_PLACEHOLDER, root.toString()));
        try (Connection db = DriverManager.getConnection(h2Url(data), "bulwark", "");
             Statement sql = db.createStatement()) {
            sql.execute("RUNSCRIPT FROM '" + script + "' CHARSET 'UTF-8'");
        }
        assertThat(schemaVersion(data)).isEqualTo(FIXTURE_SCHEMA);
        return ApiJson.mapper().readTree(fixture.resolve("expected").resolve("sample.json").toFile());
    }

    private static JsonNode expected(Path root, String name) throws IOException, URISyntaxException {
        return ApiJson.mapper().readTree(Files.readString(fixture().resolve("expected").resolve(name + ".json"))
                .replace(SchemaFixtureGenerator.ROOT_PLACEHOLDER, root.toString()));
    }

    /** The oldest {@code count} entries of an audit log answered newest first: those the fixture had. */
    private static JsonNode tail(JsonNode newestFirst, int count) {
        var tail = ApiJson.mapper().createArrayNode();
        for (int i = newestFirst.size() - count; i < newestFirst.size(); i++) {
            tail.add(newestFirst.get(i));
        }
        return tail;
    }

    private static String schemaVersion(Path data) throws SQLException {
        try (Connection db = DriverManager.getConnection(h2Url(data), "bulwark", "")) {
            return ConfigurationTables.schemaVersion(db);
        }
    }

    private static String h2Url(Path data) {
        return "jdbc:h2:file:" + data.resolve("database").resolve("bulwark");
    }

    private static Path fixture() throws URISyntaxException {
        return ConfigurationTablesTest.fixtureScript().getParent();
    }

    private static UUID uuid(JsonNode node, String field) {
        return UUID.fromString(node.path(field).asText());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
