package io.bulwark.engine.configbackup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.settings.SettingsLoader;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.configuration.ConfigurationExportRequest;
import io.bulwark.protocol.users.UserRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole round trip on real engines: a configuration of every kind exported through the API,
 * the data directory wiped, {@code bulwark-engine config import} run as an admin runs it, and the
 * engine started again finds every object, keeps its TLS identity, and still opens its secrets.
 */
class ConfigurationBackupTest {
    private static final String ADMIN_PASSWORD = "the admin's own password";
    private static final String EXPORT_PASSWORD = "export password, long enough";

    @TempDir
    Path temp;

    @Test
    void anExportImportedIntoAWipedDataDirectoryBringsBackEverythingWithTheSameIdentityAndSecrets() throws Exception {
        Path root = temp.toRealPath();
        Path data = root.resolve("data");
        Path exported = root.resolve("exported.bcb");
        Path passwordFile = write(root.resolve("password"), EXPORT_PASSWORD + "\n");
        SampleConfiguration.Made made;
        Map<String, JsonNode> before;
        String fingerprint;
        try (EngineProcess engine = EngineProcess.start(data, Map.of("BULWARK_ADMIN_PASSWORD", ADMIN_PASSWORD))) {
            fingerprint = engine.fingerprint();
            TestApi admin = TestApi.of(engine).login("admin", ADMIN_PASSWORD);
            made = SampleConfiguration.populate(admin, root);
            before = SampleConfiguration.lists(admin);

            assertThat(admin.post(ApiPaths.CONFIGURATION_EXPORT, new ConfigurationExportRequest("short", null))
                    .expect(400).path("fields").path("password").asText()).contains("8 to 1024");
            assertThat(admin.post(ApiPaths.CONFIGURATION_EXPORT, new ConfigurationExportRequest(EXPORT_PASSWORD,
                    EXPORT_PASSWORD)).expect(400).path("fields").path("hint").asText()).contains("password itself");
            TestApi operator = TestApi.of(engine).login("operator1", "operator password 1");
            assertThat(operator.post(ApiPaths.CONFIGURATION_EXPORT, new ConfigurationExportRequest(EXPORT_PASSWORD,
                    null)).status()).isEqualTo(403);
            assertThat(operator.get(ApiPaths.CONFIGURATION_BACKUPS).status()).isEqualTo(403);

            HttpResponse<byte[]> response = export(admin, new ConfigurationExportRequest(EXPORT_PASSWORD, "the hint"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/octet-stream"));
            assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                    .matches("attachment; filename=\"bulwark-configuration-[A-Za-z0-9._-]+-\\d{8}T\\d{6}Z\\.bcb\"");
            Files.write(exported, response.body());
            assertThat(new String(response.body(), StandardCharsets.ISO_8859_1)).doesNotContain(VAULT_MARKER);

            JsonNode backups = admin.get(ApiPaths.CONFIGURATION_BACKUPS).expect(200);
            assertThat(backups).hasSize(1);
            assertThat(backups.get(0).path("kind").asText()).isEqualTo("EXPORT");
            assertThat(backups.get(0).path("username").asText()).isEqualTo("admin");
            assertThat(backups.get(0).path("sizeBytes").asLong()).isEqualTo(response.body().length);
            assertThat(admin.get(ApiPaths.AUDIT).expect(200).toString()).contains("configuration-backups")
                    .doesNotContain(EXPORT_PASSWORD);
            assertThat(admin.get(ApiPaths.OPENAPI).expect(200).path("paths").has(ApiPaths.CONFIGURATION_EXPORT))
                    .isTrue();
            assertThat(Files.readString(data.resolve("logs").resolve("engine.log"))).doesNotContain(EXPORT_PASSWORD);

            Command refused = inProcess("import", "--in", exported.toString(), "--password-file",
                    passwordFile.toString(), "--data-dir", data.toString());
            assertThat(refused.status()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("while an engine runs on " + data).contains("Stop the engine first");
            engine.stop();
        }

        Map<String, String> untouched = listing(data);
        Command wrong = inProcess("import", "--in", exported.toString(), "--password-file",
                write(root.resolve("wrong"), "not the export password\n").toString(), "--data-dir", data.toString());
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(1);
        assertThat(wrong.err()).contains("Wrong password for this configuration backup. Hint: the hint");
        byte[] flipped = Files.readAllBytes(exported);
        flipped[flipped.length / 2] ^= 0x04;
        Command damaged = inProcess("import", "--in", write(root.resolve("flipped.bcb"), flipped).toString(),
                "--password-file", passwordFile.toString(), "--data-dir", data.toString());
        assertThat(damaged.status()).as(damaged.toString()).isEqualTo(1);
        assertThat(damaged.err()).contains("damaged");
        assertThat(listing(data)).as("a refused import changes nothing in the data directory").isEqualTo(untouched);
        Command info = inProcess("info", "--in", exported.toString());
        assertThat(info.out()).contains("schema version 9").contains("Password hint:    the hint")
                .contains("Argon2id, 64 MiB");

        deleteTree(data);
        Command imported = childJvm("config", "import", "--in", exported.toString(), "--password-file",
                passwordFile.toString(), "--data-dir", data.toString());
        assertThat(imported.status()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("Imported the configuration, schema 9").containsPattern("users +3 rows")
                .containsPattern("restore_points +1 rows");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("master.key"))))
                .isEqualTo("rw-------");

        try (EngineProcess engine = EngineProcess.start(data, Map.of())) {
            assertThat(engine.fingerprint()).as("consoles that pinned the engine still trust it").isEqualTo(fingerprint);
            TestApi admin = TestApi.of(engine).login("admin", ADMIN_PASSWORD);
            Map<String, JsonNode> after = SampleConfiguration.lists(admin);
            List<String> differences = new ArrayList<>();
            before.forEach((path, json) -> differences.addAll(SampleConfiguration.differences(path, json,
                    after.get(path))));
            assertThat(differences).isEmpty();
            assertThat(after.get(ApiPaths.USERS)).hasSize(3);
            assertThat(SampleConfiguration.restore(admin, made, "app-after-import"))
                    .as("the job's password, under the restored master key, opens the restore point bit for bit")
                    .isEqualTo(made.imageSha256());
            assertThat(admin.post(ApiPaths.USERS, new UserRequest("new-after-import", Role.VIEWER,
                    "viewer password 2")).status()).as("the restored database takes new rows").isEqualTo(201);
        }
    }

    private static final String VAULT_MARKER = SampleConfiguration.VAULT_PASSWORD;

    private static HttpResponse<byte[]> export(TestApi admin, ConfigurationExportRequest request) throws Exception {
        return admin.http().send(HttpRequest.newBuilder(URI.create(admin.baseUrl() + ApiPaths.CONFIGURATION_EXPORT))
                .header("Authorization", "Bearer " + admin.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiJson.mapper().writeValueAsString(request))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** What a command printed, and its exit status. */
    record Command(int status, String out, String err) {
    }

    /** The command class itself, as EngineMain runs it, with no BULWARK_* variables. */
    static Command inProcess(String... args) {
        return inProcess(Map.of(), args);
    }

    /** The command class itself, with these BULWARK_* variables and no others. */
    static Command inProcess(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new ConfigurationCommand(new SettingsLoader(environment::get, Path.of(System.getProperty("user.home"))),
                new PrintStream(out, true, StandardCharsets.UTF_8)).run(List.of(args),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Command(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code bulwark-engine ARGS} in a JVM of its own, as an admin runs it. */
    static Command childJvm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), "io.bulwark.engine.EngineMain"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("BULWARK_"));
        Path out = Files.createTempFile("config-", ".out");
        Path err = Files.createTempFile("config-", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bulwark-engine " + String.join(" ", args) + " did not end in 3 minutes");
        }
        try {
            return new Command(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    static Path write(Path file, String text) throws IOException {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    /** Every file below a directory with its size and modification time, to tell it was left alone. */
    static Map<String, String> listing(Path directory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(directory.relativize(file).toString(), Files.size(file) + " "
                        + Files.getLastModifiedTime(file).toMillis());
            }
        }
        return files;
    }

    static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
