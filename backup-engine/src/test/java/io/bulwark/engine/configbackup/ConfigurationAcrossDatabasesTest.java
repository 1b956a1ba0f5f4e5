package io.bulwark.engine.configbackup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestDatabase;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.configuration.ConfigurationExportRequest;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.users.UserRequest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration moves between the two databases the engine runs on: exported through the API
 * from an engine on PostgreSQL and imported into an H2 data directory, then exported there with
 * {@code config export} and imported into a new PostgreSQL database. Each engine answers alike.
 */
class ConfigurationAcrossDatabasesTest {
    private static final String ADMIN_PASSWORD = "the admin's own password";
    private static final String PASSWORD = "moving between databases";

    @TempDir
    Path temp;

    @Test
    void aConfigurationGoesFromPostgresqlToH2AndBack() throws Exception {
        Path root = temp.toRealPath();
        Path passwordFile = ConfigurationBackupTest.write(root.resolve("password"), PASSWORD + "\n");
        TestDatabase.Connection postgres = TestDatabase.POSTGRESQL.newDatabase();
        Map<String, JsonNode> before;
        String fingerprint;
        Path fromPostgres = root.resolve("from-postgres.bcb");
        Map<String, String> environment = new java.util.HashMap<>(postgres.environment());
        environment.put("BULWARK_ADMIN_PASSWORD", ADMIN_PASSWORD);
        try (EngineProcess engine = EngineProcess.start(root.resolve("pg-data"), environment,
                postgres.arguments().toArray(String[]::new))) {
            fingerprint = engine.fingerprint();
            TestApi admin = TestApi.of(engine).login("admin", ADMIN_PASSWORD);
            admin.post(ApiPaths.USERS, new UserRequest("operator1", Role.OPERATOR, "operator password 1")).expect(201);
            admin.post(ApiPaths.CREDENTIALS, new CredentialRequest("storage account", CredentialType.PASSWORD, "backup",
                    "the storage login password", null, null, "ünïcode description")).expect(201);
            before = SampleConfiguration.lists(admin);
            HttpResponse<byte[]> export = admin.http().send(HttpRequest.newBuilder(URI.create(admin.baseUrl()
                            + ApiPaths.CONFIGURATION_EXPORT)).header("Authorization", "Bearer " + admin.token())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            io.bulwark.protocol.ApiJson.mapper().writeValueAsString(
                                    new ConfigurationExportRequest(PASSWORD, null)))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(export.statusCode()).isEqualTo(200);
            Files.write(fromPostgres, export.body());
            engine.stop();
        }
        assertThat(BackupFile.header(Files.readAllBytes(fromPostgres)).database()).isEqualTo("PostgreSQL");

        Path h2 = root.resolve("h2-data");
        ConfigurationBackupTest.Command toH2 = ConfigurationBackupTest.inProcess("import", "--in",
                fromPostgres.toString(), "--password-file", passwordFile.toString(), "--data-dir", h2.toString());
        assertThat(toH2.status()).as(toH2.toString()).isZero();
        assertSame(before, h2, Map.of(), List.of(), fingerprint);

        Path fromH2 = root.resolve("from-h2.bcb");
        ConfigurationBackupTest.Command exported = ConfigurationBackupTest.inProcess("export", "--out",
                fromH2.toString(), "--password-file", passwordFile.toString(), "--data-dir", h2.toString());
        assertThat(exported.status()).as(exported.toString()).isZero();
        assertThat(exported.out()).containsPattern("credentials +1 rows");

        TestDatabase.Connection second = TestDatabase.POSTGRESQL.newDatabase();
        Path pg2 = root.resolve("pg2-data");
        List<String> flags = new ArrayList<>(List.of("import", "--in", fromH2.toString(), "--password-file",
                passwordFile.toString(), "--data-dir", pg2.toString()));
        flags.addAll(second.arguments());
        ConfigurationBackupTest.Command toPostgres = ConfigurationBackupTest.inProcess(second.environment(),
                flags.toArray(String[]::new));
        assertThat(toPostgres.status()).as(toPostgres.toString()).isZero();
        assertSame(before, pg2, second.environment(), second.arguments(), fingerprint);
    }

    private static void assertSame(Map<String, JsonNode> before, Path data, Map<String, String> environment,
                                   List<String> arguments, String fingerprint) {
        try (EngineProcess engine = EngineProcess.start(data, environment, arguments.toArray(String[]::new))) {
            assertThat(engine.fingerprint()).isEqualTo(fingerprint);
            TestApi admin = TestApi.of(engine).login("admin", ADMIN_PASSWORD);
            Map<String, JsonNode> after = SampleConfiguration.lists(admin);
            List<String> differences = new ArrayList<>();
            before.forEach((path, json) -> differences.addAll(SampleConfiguration.differences(path, json,
                    after.get(path))));
            assertThat(differences).as("on " + data).isEmpty();
            assertThat(admin.get(ApiPaths.CREDENTIALS).expect(200).get(0).path("description").asText())
                    .isEqualTo("ünïcode description");
        }
    }
}
