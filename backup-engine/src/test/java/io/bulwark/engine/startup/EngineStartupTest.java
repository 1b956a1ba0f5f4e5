package io.bulwark.engine.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.EngineProcess.Refusal;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the engine process starts, restarts and refuses to start, as an admin meets it: each test
 * runs real engine processes on a data directory of its own.
 */
class EngineStartupTest {
    @TempDir
    Path temp;

    @Test
    void aSecondEngineOnTheSameDataDirectoryRefusesToStart() {
        Path data = temp.resolve("data");
        try (EngineProcess first = EngineProcess.start(data, Map.of())) {
            Refusal second = EngineProcess.startExpectingRefusal(data, Map.of());
            assertThat(second.exitStatus()).isEqualTo(1);
            assertThat(second.output()).contains("Another Bulwark engine (process " + first.pid() + ")")
                    .contains("is already using the data directory " + data)
                    .contains("--data-dir");
            assertThat(first.isAlive()).isTrue();
            TestApi.of(first).login("admin", first.initialAdminPassword());
        }
    }

    @Test
    void aCorruptMasterKeyStopsTheEngineAndIsNotReplaced() throws Exception {
        Path data = temp.resolve("data");
        EngineProcess.start(data, Map.of()).close();
        Path key = data.resolve("master.key");
        Files.writeString(key, "bulwark-master-key v1\nnot base64 at all\n");

        Refusal refusal = EngineProcess.startExpectingRefusal(data, Map.of());
        assertThat(refusal.exitStatus()).isEqualTo(1);
        assertThat(refusal.output()).contains("master key file " + key + " is corrupt")
                .contains("Restore it from your backup")
                .contains("will not make a new key");
        assertThat(Files.readString(key)).contains("not base64 at all");
    }

    @Test
    void aMissingMasterKeyStopsTheEngineAndIsNotRemade() throws Exception {
        Path data = temp.resolve("data");
        EngineProcess.start(data, Map.of()).close();
        Files.delete(data.resolve("master.key"));

        Refusal refusal = EngineProcess.startExpectingRefusal(data, Map.of());
        assertThat(refusal.exitStatus()).isEqualTo(1);
        assertThat(refusal.output()).contains("master.key is missing").contains("holds secrets encrypted under it");
        assertThat(data.resolve("master.key")).doesNotExist();
    }

    @Test
    void aMasterKeyFromAnotherInstallationIsRefused() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        EngineProcess.start(first, Map.of()).close();
        EngineProcess.start(second, Map.of()).close();
        Files.copy(first.resolve("master.key"), second.resolve("master.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        Refusal refusal = EngineProcess.startExpectingRefusal(second, Map.of());
        assertThat(refusal.exitStatus()).isEqualTo(1);
        assertThat(refusal.output()).contains("does not belong to this configuration database");
    }

    @Test
    void aMasterKeyOthersCanReadIsRefused() throws Exception {
        Path data = temp.resolve("data");
        EngineProcess.start(data, Map.of()).close();
        Files.setPosixFilePermissions(data.resolve("master.key"), PosixFilePermissions.fromString("rw-r--r--"));

        Refusal refusal = EngineProcess.startExpectingRefusal(data, Map.of());
        assertThat(refusal.exitStatus()).isEqualTo(1);
        assertThat(refusal.output()).contains("can be read or changed by other users").contains("chmod 600");
    }

    @Test
    void theFirstStartKeepsItsSecretsOwnerOnlyAndPrintsWhereToFindThem() throws Exception {
        Path data = temp.resolve("data");
        try (EngineProcess engine = EngineProcess.start(data, Map.of())) {
            for (String secret : new String[] {"master.key", "initial-admin-password", "tls/engine.p12", "engine.properties"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(secret))))
                        .as(secret).isEqualTo("rw-------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(engine.output())
                    .contains("API:").contains(":" + engine.port() + "/api/v1")
                    .contains("Certificate SHA-256:        " + engine.fingerprint())
                    .contains(data.resolve("initial-admin-password").toString())
                    .doesNotContain(engine.initialAdminPassword());
            assertThat(Files.readString(data.resolve("engine.properties"))).contains("#api.port=9392");
        }
    }

    @Test
    void theAdminPasswordCanComeFromTheEnvironment() {
        Path data = temp.resolve("data");
        String password = "from the environment 42";
        try (EngineProcess engine = EngineProcess.start(data, Map.of("BULWARK_ADMIN_PASSWORD", password))) {
            TestApi.of(engine).login("admin", password);
            assertThat(data.resolve("initial-admin-password")).doesNotExist();
            assertThat(engine.output()).doesNotContain(password);
        }
    }

    @Test
    void aTooShortAdminPasswordFromTheEnvironmentIsRefused() {
        Refusal refusal = EngineProcess.startExpectingRefusal(temp.resolve("data"), Map.of("BULWARK_ADMIN_PASSWORD", "short"));
        assertThat(refusal.exitStatus()).isEqualTo(1);
        assertThat(refusal.output()).contains("BULWARK_ADMIN_PASSWORD is too short").doesNotContain("short\n");
    }

    @Test
    void aRestartKeepsTheCertificateTheConfigurationAndTheSessions() {
        Path data = temp.resolve("data");
        String fingerprint;
        String token;
        String password;
        try (EngineProcess engine = EngineProcess.start(data, Map.of())) {
            fingerprint = engine.fingerprint();
            password = engine.initialAdminPassword();
            token = TestApi.of(engine).login("admin", password).token();
        }
        try (EngineProcess engine = EngineProcess.start(data, Map.of())) {
            assertThat(engine.fingerprint()).isEqualTo(fingerprint);
            assertThat(engine.initialAdminPassword()).as("the first password is written once").isEqualTo(password);
            TestApi api = TestApi.of(engine).withToken(token);
            assertThat(api.get(ApiPaths.PROXIES).json()).as("one built-in proxy, not two").hasSize(1);
            assertThat(api.get(ApiPaths.USERS).json()).hasSize(1);
        }
    }

    @Test
    void aKilledEngineStartsAgainOnItsData() {
        Path data = temp.resolve("data");
        EngineProcess engine = EngineProcess.start(data, Map.of());
        String password = engine.initialAdminPassword();
        TestApi.of(engine).login("admin", password)
                .post(ApiPaths.TRAFFIC_RULES, Map.of("name", "survives a kill", "sourceRange", "any", "targetRange", "any"));
        engine.kill();
        try (EngineProcess again = EngineProcess.start(data, Map.of())) {
            assertThat(TestApi.of(again).login("admin", password).get(ApiPaths.TRAFFIC_RULES).body()).contains("survives a kill");
        }
    }

    @Test
    void anExpiredSessionIs401() throws Exception {
        try (EngineProcess engine = EngineProcess.start(temp.resolve("data"), Map.of(), "--session-lifetime", "PT2S")) {
            TestApi api = TestApi.of(engine).login("admin", engine.initialAdminPassword());
            assertThat(api.get(ApiPaths.PROXIES).status()).isEqualTo(200);
            Thread.sleep(2500);
            TestApi.Response expired = api.get(ApiPaths.PROXIES);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().path("message").asText()).contains("expired");
        }
    }

    @Test
    void anUnreachableDatabaseIsReportedPlainly() {
        Refusal refusal = EngineProcess.startExpectingRefusal(temp.resolve("data"), Map.of("BULWARK_JDBC_PASSWORD", "x"),
                "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/bulwark", "--jdbc-user", "bulwark");
        assertThat(refusal.exitStatus()).isEqualTo(1);
        assertThat(refusal.output()).contains("Cannot connect to the configuration database at jdbc:postgresql://127.0.0.1:1/bulwark")
                .contains("Check that the database is running");
    }

    @Test
    void wrongSettingsAreReportedPlainly() {
        Refusal port = EngineProcess.startExpectingRefusal(temp.resolve("a"), Map.of(), "--port", "http");
        assertThat(port.exitStatus()).isEqualTo(1);
        assertThat(port.output()).contains("The API port 'http' is not a port number");
        Refusal option = EngineProcess.startExpectingRefusal(temp.resolve("b"), Map.of(), "--colour", "blue");
        assertThat(option.output()).contains("Unknown option '--colour'");
    }
}
