package io.bulwark.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.engine.testing.TestDatabase;
import io.bulwark.protocol.ApiPaths;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API's contract, checked against a real engine process over HTTPS on loopback. It runs
 * once per configuration database (see the subclasses). Every test makes its own entities with
 * names of its own, so they share one engine without stepping on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineApiContract {
    /** A name no database, shell or parser should change: quotes, SQL, Unicode and an emoji. */
    static final String HOSTILE_NAME = "Robert'); DROP TABLE backup_proxies;-- \"quoted\" Ünïcødé 名前 🚀";

    EngineProcess engine;
    TestApi admin;
    TestDatabase.Connection database;

    abstract TestDatabase database();

    @BeforeAll
    void startEngine(@TempDir Path temp) {
        database = database().newDatabase();
        engine = EngineProcess.start(temp.resolve("data"), database.environment(),
                database.arguments().toArray(String[]::new));
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
    }

    @AfterAll
    void stopEngine() {
        if (engine != null) {
            // 143 = 128 + SIGTERM: how the JVM exits once its shutdown hooks have run.
            assertThat(engine.stop()).as("exit status after SIGTERM").isEqualTo(143);
            assertThat(engine.output()).as("an orderly stop").contains("Engine stopped");
        }
    }

    @Test
    void logsInWithThePasswordFromItsFileAndListsTheBuiltInRoles() {
        JsonNode proxies = ok(admin.get(ApiPaths.PROXIES));
        assertThat(proxies.isArray()).isTrue();
        assertThat(proxies).anySatisfy(p -> {
            assertThat(p.path("name").asText()).isEqualTo("Built-in proxy");
            assertThat(p.path("builtIn").asBoolean()).isTrue();
            assertThat(p.path("maxConcurrentTasks").asInt()).isEqualTo(2);
            assertThat(p.path("serverName").asText()).isEqualTo("This server");
        });
        assertThat(ok(admin.get(ApiPaths.SERVERS))).anySatisfy(s -> {
            assertThat(s.path("name").asText()).isEqualTo("This server");
            assertThat(s.path("facts").path("cpuCores").asInt()).isPositive();
        });
        assertThat(ok(admin.get(ApiPaths.REPOSITORIES))).anySatisfy(r -> {
            assertThat(r.path("name").asText()).isEqualTo("Default Backup Repository");
            assertThat(r.path("path").asText()).isEqualTo(engine.dataDirectory().resolve("repository").toString());
        });
        assertThat(ok(admin.get(ApiPaths.ME)).path("username").asText()).isEqualTo("admin");
    }

    @Test
    void everyCollectionListsAsAJsonArray() {
        for (String path : List.of(ApiPaths.PROXIES, ApiPaths.REPOSITORIES, ApiPaths.SERVERS, ApiPaths.TRAFFIC_RULES,
                ApiPaths.JOBS, ApiPaths.SESSIONS, ApiPaths.USERS, ApiPaths.CREDENTIALS, ApiPaths.AUDIT)) {
            assertThat(ok(admin.get(path)).isArray()).as(path).isTrue();
        }
        assertThat(ok(admin.get(ApiPaths.ENGINE)).path("database").asText())
                .isEqualTo(database() == TestDatabase.H2 ? "H2 (embedded)" : "PostgreSQL");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        Response wrongPassword = fresh().post(ApiPaths.LOGIN, Map.of("username", "admin", "password", "not it"));
        Response unknownUser = fresh().post(ApiPaths.LOGIN, Map.of("username", "nobody-" + UUID.randomUUID(), "password", "x"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.json().path("message").asText()).isEqualTo("Wrong user name or password.");
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void callsWithoutAValidTokenAre401() {
        Response none = fresh().get(ApiPaths.PROXIES);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("message").asText()).contains("Log in first");
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(fresh().withToken("made-up-token").get(ApiPaths.PROXIES).status()).isEqualTo(401);
        assertThat(fresh().withToken("").get(ApiPaths.JOBS).status()).isEqualTo(401);
    }

    @Test
    void aLoggedOutTokenIsRefused() {
        TestApi session = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        assertThat(session.get(ApiPaths.PROXIES).status()).isEqualTo(200);
        assertThat(session.post(ApiPaths.LOGOUT, "").status()).isEqualTo(204);
        Response after = session.get(ApiPaths.PROXIES);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().path("message").asText()).contains("expired or was ended");
    }

    @Test
    void aViewerReadsButChangesNothingAndAnOperatorChangesNoConfiguration() {
        TestApi viewer = userWithRole("VIEWER");
        TestApi operator = userWithRole("OPERATOR");
        String proxyId = builtInProxy().path("id").asText();
        for (TestApi user : List.of(viewer, operator)) {
            assertThat(user.get(ApiPaths.PROXIES).status()).isEqualTo(200);
            Response create = user.post(ApiPaths.TRAFFIC_RULES, trafficRule("forbidden " + UUID.randomUUID()));
            assertThat(create.status()).isEqualTo(403);
            assertThat(create.json().path("message").asText()).contains("may not create a traffic rule");
            assertThat(user.put(ApiPaths.PROXIES + "/" + proxyId, Map.of("name", "x")).status()).isEqualTo(403);
            assertThat(user.delete(ApiPaths.PROXIES + "/" + proxyId).status()).isEqualTo(403);
            assertThat(user.get(ApiPaths.USERS).status()).isEqualTo(403);
            assertThat(user.get(ApiPaths.CREDENTIALS).status()).isEqualTo(403);
        }
        assertThat(builtInProxy().path("name").asText()).isEqualTo("Built-in proxy");
    }

    @Test
    void malformedJsonUnknownFieldsAndOutOfRangeNumbersAre400NamingTheField() {
        Response malformed = admin.postRaw(ApiPaths.TRAFFIC_RULES, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("message").asText()).startsWith("The request body is not valid JSON");

        Response twice = admin.postRaw(ApiPaths.TRAFFIC_RULES,
                "{\"name\":\"a\",\"name\":\"b\",\"sourceRange\":\"any\",\"targetRange\":\"any\"}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().path("message").asText()).contains("Duplicate field 'name'");

        Map<String, Object> unknown = new LinkedHashMap<>(trafficRule("unknown field"));
        unknown.put("colour", "blue");
        Response unknownField = admin.post(ApiPaths.TRAFFIC_RULES, unknown);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.json().path("fields").path("colour").asText()).isEqualTo("unknown field");

        String serverId = thisServer().path("id").asText();
        Response tooManyTasks = admin.post(ApiPaths.REPOSITORIES, Map.of("name", "big " + UUID.randomUUID(),
                "serverId", serverId, "path", "/srv/big", "maxConcurrentTasks", 1000));
        assertThat(tooManyTasks.status()).isEqualTo(400);
        assertThat(tooManyTasks.json().path("fields").path("maxConcurrentTasks").asText()).isEqualTo("must be between 1 and 128");

        Response overflow = admin.postRaw(ApiPaths.REPOSITORIES, "{\"name\":\"o\",\"maxConcurrentTasks\": 99999999999}");
        assertThat(overflow.status()).isEqualTo(400);
        assertThat(overflow.json().path("fields").path("maxConcurrentTasks").asText()).isEqualTo("out of range");

        Response nested = admin.postRaw(ApiPaths.TRAFFIC_RULES, """
                {"name":"n","sourceRange":"any","targetRange":"any","throttle":{"enabled":true,"value":"fast","unit":"MBIT_PER_SEC"}}""");
        assertThat(nested.status()).isEqualTo(400);
        assertThat(nested.json().path("fields").has("throttle.value")).isTrue();

        Response badEnum = admin.postRaw(ApiPaths.JOBS, "{\"name\":\"j\",\"type\":\"TAPE\"}");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.json().path("fields").path("type").asText()).contains("VM_BACKUP");

        Response invalid = admin.post(ApiPaths.TRAFFIC_RULES, Map.of("name", "", "sourceRange", "10.0.0.300",
                "targetRange", "any"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("fields").fieldNames()).toIterable().contains("name", "sourceRange");

        Response badId = admin.get(ApiPaths.PROXIES + "/not-an-id");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("fields").has("id")).isTrue();

        Response missing = admin.get(ApiPaths.PROXIES + "/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("message").asText()).contains("no backup proxy with id");
    }

    @Test
    void namesWithQuotesUnicodeAndSqlAreStoredAndShownVerbatim() {
        String credentialId = created(admin.post(ApiPaths.CREDENTIALS, credential(HOSTILE_NAME))).path("id").asText();
        JsonNode server = created(admin.post(ApiPaths.SERVERS, server(HOSTILE_NAME, "hostile.example.test", credentialId)));
        JsonNode proxy = created(admin.post(ApiPaths.PROXIES, Map.of("name", HOSTILE_NAME, "serverId", server.path("id").asText())));
        JsonNode repository = created(admin.post(ApiPaths.REPOSITORIES, Map.of("name", HOSTILE_NAME,
                "serverId", server.path("id").asText(), "path", "/srv/backups/" + HOSTILE_NAME.replace("/", ""))));
        JsonNode job = created(admin.post(ApiPaths.JOBS, job(HOSTILE_NAME, repository.path("id").asText())));
        JsonNode rule = created(admin.post(ApiPaths.TRAFFIC_RULES, trafficRule(HOSTILE_NAME)));

        for (JsonNode entity : List.of(server, proxy, repository, job, rule)) {
            assertThat(entity.path("name").asText()).isEqualTo(HOSTILE_NAME);
        }
        assertThat(ok(admin.get(ApiPaths.PROXIES))).extracting(p -> p.path("name").asText()).contains(HOSTILE_NAME, "Built-in proxy");
        assertThat(ok(admin.get(ApiPaths.PROXIES + "/" + proxy.path("id").asText())).path("serverName").asText()).isEqualTo(HOSTILE_NAME);
        assertThat(ok(admin.get(ApiPaths.JOBS + "/" + job.path("id").asText())).path("repositoryName").asText()).isEqualTo(HOSTILE_NAME);

        Response duplicate = admin.post(ApiPaths.TRAFFIC_RULES, trafficRule(HOSTILE_NAME.toUpperCase()));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("fields").path("name").asText()).isEqualTo("already taken");
    }

    @Test
    void everyEntityIsCreatedReadChangedAndDeletedAndReferencesAreKept() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        JsonNode credential = created(admin.post(ApiPaths.CREDENTIALS, credential("lab root " + tag)));
        String credentialId = credential.path("id").asText();
        JsonNode server = created(admin.post(ApiPaths.SERVERS, server(null, "lab-" + tag + ".example.test", credentialId)));
        String serverId = server.path("id").asText();
        assertThat(server.path("name").asText()).as("name defaults to the address").isEqualTo("lab-" + tag + ".example.test");
        assertThat(server.path("sshPort").asInt()).isEqualTo(22);
        assertThat(server.path("ports").path("controlPort").asInt()).isEqualTo(6162);

        JsonNode proxy = created(admin.post(ApiPaths.PROXIES, Map.of("serverId", serverId, "transportMode", "NETWORK")));
        String proxyId = proxy.path("id").asText();
        assertThat(proxy.path("failoverToNetwork").asBoolean()).isTrue();
        assertThat(proxy.path("datastores").path("automatic").asBoolean()).isTrue();
        Response secondProxy = admin.post(ApiPaths.PROXIES, Map.of("name", "again " + tag, "serverId", serverId));
        assertThat(secondProxy.status()).isEqualTo(409);
        assertThat(secondProxy.json().path("fields").has("serverId")).isTrue();

        JsonNode repository = created(admin.post(ApiPaths.REPOSITORIES, Map.of("name", "repo " + tag, "serverId", serverId,
                "path", "/srv/bulwark", "encryption", Map.of("enabled", true, "password", "correct horse battery",
                        "passwordHint", "the horse"))));
        String repositoryId = repository.path("id").asText();
        assertThat(repository.path("encryption").path("passwordSet").asBoolean()).isTrue();
        assertThat(repository.toString()).doesNotContain("correct horse battery");

        JsonNode rule = created(admin.post(ApiPaths.TRAFFIC_RULES, Map.of("name", "rule " + tag, "sourceRange", "10.1.0.0/16",
                "targetRange", "public", "encrypt", true,
                "throttle", Map.of("enabled", true, "value", 100, "unit", "MBIT_PER_SEC"),
                "schedule", Map.of("always", false, "activeHours", Map.of("MONDAY", List.of(9, 8, 10))))));
        assertThat(rule.path("sourceRange").asText()).isEqualTo("10.1.0.0-10.1.255.255");
        assertThat(rule.path("schedule").path("activeHours").path("MONDAY").toString()).isEqualTo("[8,9,10]");

        JsonNode job = created(admin.post(ApiPaths.JOBS, job("job " + tag, repositoryId)));
        String jobId = job.path("id").asText();
        JsonNode session = created(admin.post(ApiPaths.SESSIONS, Map.of("jobId", jobId, "state", "SUCCESS",
                "startedAt", "2026-11-01T22:00:00Z", "endedAt", "2026-11-01T22:10:00Z", "progressPercent", 100,
                "processedBytes", 1_000_000_000L, "transferredBytes", 300_000_000L)));
        assertThat(session.path("jobName").asText()).isEqualTo("job " + tag);

        JsonNode changedServer = ok(admin.put(ApiPaths.SERVERS + "/" + serverId, Map.of("name", "renamed " + tag,
                "address", "lab-" + tag + ".example.test", "sshPort", 2222, "credentialId", credentialId,
                "hostKeyFingerprint", "SHA256:" + "A".repeat(43))));
        assertThat(changedServer.path("sshPort").asInt()).isEqualTo(2222);
        assertThat(ok(admin.get(ApiPaths.PROXIES + "/" + proxyId)).path("serverName").asText()).isEqualTo("renamed " + tag);
        JsonNode changedProxy = ok(admin.put(ApiPaths.PROXIES + "/" + proxyId, Map.of("name", "proxy " + tag,
                "serverId", serverId, "maxConcurrentTasks", 8, "datastores", Map.of("automatic", false,
                        "paths", List.of("/var/lib/libvirt/images")))));
        assertThat(changedProxy.path("maxConcurrentTasks").asInt()).isEqualTo(8);
        assertThat(changedProxy.path("datastores").path("paths").get(0).asText()).isEqualTo("/var/lib/libvirt/images");
        JsonNode keptPassword = ok(admin.put(ApiPaths.REPOSITORIES + "/" + repositoryId, Map.of("name", "repo " + tag,
                "serverId", serverId, "path", "/srv/bulwark", "maxConcurrentTasks", 6,
                "encryption", Map.of("enabled", true, "passwordHint", "still the horse"))));
        assertThat(keptPassword.path("encryption").path("passwordSet").asBoolean()).isTrue();
        assertThat(ok(admin.put(ApiPaths.SESSIONS + "/" + session.path("id").asText(), Map.of("jobId", jobId,
                "state", "WARNING", "startedAt", "2026-11-01T22:00:00Z", "endedAt", "2026-11-01T22:11:00Z",
                "message", "1 disk skipped"))).path("state").asText()).isEqualTo("WARNING");

        assertConflict(admin.delete(ApiPaths.SERVERS + "/" + serverId), "still has roles");
        assertConflict(admin.delete(ApiPaths.CREDENTIALS + "/" + credentialId), "is used by");
        assertConflict(admin.delete(ApiPaths.REPOSITORIES + "/" + repositoryId), "is the target of the jobs");

        assertThat(admin.delete(ApiPaths.JOBS + "/" + jobId).status()).isEqualTo(204);
        JsonNode orphanedSession = ok(admin.get(ApiPaths.SESSIONS + "/" + session.path("id").asText()));
        assertThat(orphanedSession.path("jobId").isNull()).as("history outlives its job").isTrue();
        assertThat(orphanedSession.path("jobName").asText()).isEqualTo("job " + tag);
        for (String path : List.of(ApiPaths.SESSIONS + "/" + session.path("id").asText(),
                ApiPaths.REPOSITORIES + "/" + repositoryId, ApiPaths.PROXIES + "/" + proxyId,
                ApiPaths.SERVERS + "/" + serverId, ApiPaths.CREDENTIALS + "/" + credentialId,
                ApiPaths.TRAFFIC_RULES + "/" + rule.path("id").asText())) {
            assertThat(admin.delete(path).status()).as("DELETE " + path).isEqualTo(204);
            assertThat(admin.get(path).status()).as("GET " + path + " after delete").isEqualTo(404);
        }
    }

    @Test
    void theBuiltInRolesCannotBeRemoved() {
        assertConflict(admin.delete(ApiPaths.PROXIES + "/" + builtInProxy().path("id").asText()), "built-in proxy");
        assertConflict(admin.delete(ApiPaths.SERVERS + "/" + thisServer().path("id").asText()), "engine's own host");
        String defaultRepository = ok(admin.get(ApiPaths.REPOSITORIES)).findValues("id").stream()
                .map(JsonNode::asText).filter(id -> ok(admin.get(ApiPaths.REPOSITORIES + "/" + id)).path("builtIn").asBoolean())
                .findFirst().orElseThrow();
        assertConflict(admin.delete(ApiPaths.REPOSITORIES + "/" + defaultRepository), "default repository");
    }

    @Test
    void aProxyOnAHardenedRepositoryReadsInNetworkModeOnly() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String credentialId = created(admin.post(ApiPaths.CREDENTIALS, credential("vault " + tag))).path("id").asText();
        Map<String, Object> hardenedServer = new LinkedHashMap<>(server("vault " + tag, "vault-" + tag + ".example.test",
                credentialId));
        hardenedServer.put("hardenedRepository", true);
        JsonNode vault = created(admin.post(ApiPaths.SERVERS, hardenedServer));
        assertThat(vault.path("hardenedRepository").asBoolean()).isTrue();
        String vaultId = vault.path("id").asText();

        for (String mode : List.of("AUTOMATIC", "DIRECT_STORAGE", "VIRTUAL_APPLIANCE")) {
            Response refused = admin.post(ApiPaths.PROXIES, Map.of("serverId", vaultId, "transportMode", mode));
            assertThat(refused.status()).as("%s: %s", mode, refused).isEqualTo(400);
            assertThat(refused.json().path("fields").path("transportMode").asText())
                    .contains("vault " + tag + " is a hardened repository").endsWith("Choose Network.");
        }
        Response noMode = admin.post(ApiPaths.PROXIES, Map.of("serverId", vaultId));
        assertThat(noMode.status()).as("automatic selection, the default, could pick a local mode").isEqualTo(400);
        JsonNode proxy = created(admin.post(ApiPaths.PROXIES, Map.of("serverId", vaultId, "transportMode", "NETWORK")));
        Response direct = admin.put(ApiPaths.PROXIES + "/" + proxy.path("id").asText(), Map.of("serverId", vaultId,
                "transportMode", "DIRECT_STORAGE"));
        assertThat(direct.status()).as("%s", direct).isEqualTo(400);

        String plainId = created(admin.post(ApiPaths.SERVERS, server("plain " + tag, "plain-" + tag + ".example.test",
                credentialId))).path("id").asText();
        JsonNode automatic = created(admin.post(ApiPaths.PROXIES, Map.of("serverId", plainId)));
        Map<String, Object> hardenPlain = new LinkedHashMap<>(server("plain " + tag, "plain-" + tag + ".example.test",
                credentialId));
        hardenPlain.put("hardenedRepository", true);
        assertConflict(admin.put(ApiPaths.SERVERS + "/" + plainId, hardenPlain),
                "holds the proxy 'plain " + tag + "', which uses Automatic selection");
        assertThat(ok(admin.get(ApiPaths.SERVERS + "/" + plainId)).path("hardenedRepository").asBoolean()).isFalse();

        JsonNode self = thisServer();
        Response hardenSelf = admin.put(ApiPaths.SERVERS + "/" + self.path("id").asText(), Map.of("name",
                self.path("name").asText(), "address", self.path("address").asText(), "hardenedRepository", true));
        assertThat(hardenSelf.status()).as("%s", hardenSelf).isEqualTo(400);
        assertThat(hardenSelf.json().path("fields").path("hardenedRepository").asText()).contains("backup server itself");

        for (String path : List.of(ApiPaths.PROXIES + "/" + proxy.path("id").asText(),
                ApiPaths.PROXIES + "/" + automatic.path("id").asText(), ApiPaths.SERVERS + "/" + vaultId,
                ApiPaths.SERVERS + "/" + plainId, ApiPaths.CREDENTIALS + "/" + credentialId)) {
            assertThat(admin.delete(path).status()).as("DELETE " + path).isEqualTo(204);
        }
    }

    @Test
    void credentialSecretsAreNeverReturnedAndAreEncryptedAtRest() throws Exception {
        String marker = "user-" + UUID.randomUUID();
        String secret = "Sekret-" + UUID.randomUUID();
        Map<String, Object> request = new LinkedHashMap<>(credential("at rest " + marker));
        request.put("username", marker);
        request.put("password", secret);
        JsonNode created = created(admin.post(ApiPaths.CREDENTIALS, request));
        assertThat(created.path("passwordSet").asBoolean()).isTrue();
        assertThat(created.has("password")).isFalse();
        assertThat(admin.get(ApiPaths.CREDENTIALS).body()).contains(marker).doesNotContain(secret);

        String stored = storedCredentials(marker);
        assertThat(stored).as("the database holds the credential row").contains(marker);
        assertThat(stored).as("the database never holds the secret in clear").doesNotContain(secret);
        assertThat(Files.readString(engine.dataDirectory().resolve("logs").resolve("engine.log")))
                .doesNotContain(secret)
                .doesNotContain(engine.initialAdminPassword());
        assertThat(engine.output()).doesNotContain(secret).doesNotContain(engine.initialAdminPassword());
    }

    @Test
    void changingAUsersPasswordOrRoleEndsTheirSessions() {
        String name = "operator-" + UUID.randomUUID().toString().substring(0, 8);
        String id = created(admin.post(ApiPaths.USERS, Map.of("username", name, "role", "OPERATOR",
                "password", "first password 1"))).path("id").asText();
        TestApi user = TestApi.of(engine).login(name, "first password 1");
        assertThat(user.get(ApiPaths.JOBS).status()).isEqualTo(200);
        ok(admin.put(ApiPaths.USERS + "/" + id, Map.of("username", name, "role", "VIEWER")));
        assertThat(user.get(ApiPaths.JOBS).status()).isEqualTo(401);
        TestApi again = TestApi.of(engine).login(name, "first password 1");
        ok(admin.put(ApiPaths.USERS + "/" + id, Map.of("username", name, "role", "VIEWER", "password", "second password 2")));
        assertThat(again.get(ApiPaths.JOBS).status()).isEqualTo(401);
        assertThat(fresh().post(ApiPaths.LOGIN, Map.of("username", name, "password", "first password 1")).status()).isEqualTo(401);
        TestApi.of(engine).login(name, "second password 2");
        Response weak = admin.put(ApiPaths.USERS + "/" + id, Map.of("username", name, "role", "VIEWER", "password", "short"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().path("fields").path("password").asText()).contains("12");
    }

    @Test
    void thereIsAlwaysAnAdministratorAndNobodyDeletesThemselves() {
        String adminId = ok(admin.get(ApiPaths.ME)).path("id").asText();
        assertConflict(admin.delete(ApiPaths.USERS + "/" + adminId), "logged in with");
        String name = "second-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String secondId = created(admin.post(ApiPaths.USERS, Map.of("username", name, "role", "ADMINISTRATOR",
                "password", "another admin 123"))).path("id").asText();
        TestApi second = TestApi.of(engine).login(name, "another admin 123");
        assertThat(second.delete(ApiPaths.USERS + "/" + secondId).status()).isEqualTo(409);
        ok(second.put(ApiPaths.USERS + "/" + secondId, Map.of("username", name, "role", "OPERATOR")));
        Response demoteLast = admin.put(ApiPaths.USERS + "/" + adminId, Map.of("username", "admin", "role", "VIEWER"));
        assertConflict(demoteLast, "last Administrator");
        assertThat(admin.delete(ApiPaths.USERS + "/" + secondId).status()).isEqualTo(204);
    }

    @Test
    void repeatedFailedLoginsAreSlowedDown() throws Exception {
        String name = "guessed-" + UUID.randomUUID().toString().substring(0, 8);
        created(admin.post(ApiPaths.USERS, Map.of("username", name, "role", "VIEWER", "password", "the real password")));
        for (int i = 0; i < 5; i++) {
            assertThat(fresh().post(ApiPaths.LOGIN, Map.of("username", name, "password", "guess " + i)).status()).isEqualTo(401);
        }
        Response blocked = fresh().post(ApiPaths.LOGIN, Map.of("username", name, "password", "the real password"));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(blocked.json().path("message").asText()).contains("Too many failed logins");

        TestApi elsewhere = TestApi.from(engine, InetAddress.getByName("127.0.0.2"));
        assertThat(elsewhere.post(ApiPaths.LOGIN, Map.of("username", name, "password", "the real password")).status())
                .as("the guesser locks out only itself, not the user at another address").isEqualTo(200);
    }

    @Test
    void aDemotedUserStopsHearingAtOnce() throws Exception {
        String name = "demoted-" + UUID.randomUUID().toString().substring(0, 8);
        String id = created(admin.post(ApiPaths.USERS, Map.of("username", name, "role", "OPERATOR",
                "password", "operator password"))).path("id").asText();
        TestApi operator = TestApi.of(engine).login(name, "operator password");
        try (BufferedReader events = reader(operator.events())) {
            nextEvent(events, "hello");
            ok(admin.put(ApiPaths.USERS + "/" + id, Map.of("username", name, "role", "VIEWER")));
            // The stream ends on the change itself, well before the next heartbeat (every 15 s) would end it.
            CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
                try {
                    while (events.readLine() != null) {
                        // drain until the engine closes the stream
                    }
                } catch (java.io.IOException closed) {
                    // closed is what we wait for
                }
            });
            ended.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void changesArePushedToEveryClientThatMayReadThem() throws Exception {
        TestApi viewer = userWithRole("VIEWER");
        HttpResponse<InputStream> adminStream = admin.events();
        HttpResponse<InputStream> viewerStream = viewer.events();
        assertThat(adminStream.statusCode()).isEqualTo(200);
        try (BufferedReader adminEvents = reader(adminStream); BufferedReader viewerEvents = reader(viewerStream)) {
            assertThat(nextEvent(adminEvents, "hello")).contains("admin");
            nextEvent(viewerEvents, "hello");
            created(admin.post(ApiPaths.USERS, Map.of("username", "seen-by-admins-" + UUID.randomUUID().toString().substring(0, 8),
                    "role", "VIEWER", "password", "a good password")));
            String ruleId = created(admin.post(ApiPaths.TRAFFIC_RULES, trafficRule("pushed " + UUID.randomUUID())))
                    .path("id").asText();

            JsonNode first = parse(nextEvent(adminEvents, "change"));
            assertThat(first.path("collection").asText()).isEqualTo("users");
            JsonNode second = parse(nextEvent(adminEvents, "change"));
            assertThat(second.path("collection").asText()).isEqualTo("traffic-rules");
            assertThat(second.path("action").asText()).isEqualTo("CREATED");
            assertThat(second.path("id").asText()).isEqualTo(ruleId);
            assertThat(second.path("actor").asText()).isEqualTo("admin");
            assertThat(second.path("sequence").asLong()).isEqualTo(first.path("sequence").asLong() + 1);

            JsonNode viewerSees = parse(nextEvent(viewerEvents, "change"));
            assertThat(viewerSees.path("collection").asText()).as("viewers do not hear of users").isEqualTo("traffic-rules");
        }
    }

    @Test
    void theAuditLogSaysWhoChangedWhat() {
        String name = "audited " + UUID.randomUUID();
        String id = created(admin.post(ApiPaths.TRAFFIC_RULES, trafficRule(name))).path("id").asText();
        assertThat(admin.delete(ApiPaths.TRAFFIC_RULES + "/" + id).status()).isEqualTo(204);
        JsonNode audit = ok(admin.get(ApiPaths.AUDIT + "?limit=50"));
        assertThat(audit).filteredOn(e -> e.path("entityId").asText().equals(id))
                .extracting(e -> e.path("actor").asText() + " " + e.path("action").asText() + " "
                        + e.path("collection").asText() + " " + e.path("entityName").asText())
                .containsExactly("admin DELETED traffic-rules " + name, "admin CREATED traffic-rules " + name);
        assertThat(userWithRole("OPERATOR").get(ApiPaths.AUDIT).status()).isEqualTo(403);
    }

    @Test
    void theOpenApiDescriptionCoversEveryRoute() {
        JsonNode openApi = ok(fresh().get(ApiPaths.OPENAPI));
        assertThat(openApi.path("openapi").asText()).isEqualTo("3.1.0");
        JsonNode paths = openApi.path("paths");
        for (String collection : List.of(ApiPaths.USERS, ApiPaths.CREDENTIALS, ApiPaths.SERVERS, ApiPaths.PROXIES,
                ApiPaths.REPOSITORIES, ApiPaths.TRAFFIC_RULES, ApiPaths.JOBS, ApiPaths.SESSIONS)) {
            assertThat(paths.path(collection).has("get")).as("GET " + collection).isTrue();
            assertThat(paths.path(collection).has("post")).as("POST " + collection).isTrue();
            for (String method : List.of("get", "put", "delete")) {
                assertThat(paths.path(collection + "/{id}").has(method)).as(method + " " + collection + "/{id}").isTrue();
            }
        }
        assertThat(paths.has(ApiPaths.LOGIN) && paths.has(ApiPaths.EVENTS) && paths.has(ApiPaths.AUDIT)).isTrue();
        assertThat(openApi.path("components").path("schemas").path("ProxyView").path("properties").has("maxConcurrentTasks")).isTrue();
        assertThat(paths.path(ApiPaths.PROXIES).path("post").path("x-bulwark-role").asText()).isEqualTo("ADMINISTRATOR");
    }

    // --- helpers -----------------------------------------------------------------------------

    TestApi fresh() {
        return TestApi.of(engine);
    }

    TestApi userWithRole(String role) {
        String name = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "password of " + name;
        created(admin.post(ApiPaths.USERS, Map.of("username", name, "role", role, "password", password)));
        return TestApi.of(engine).login(name, password);
    }

    JsonNode builtInProxy() {
        for (JsonNode proxy : ok(admin.get(ApiPaths.PROXIES))) {
            if (proxy.path("builtIn").asBoolean()) {
                return proxy;
            }
        }
        throw new AssertionError("no built-in proxy");
    }

    JsonNode thisServer() {
        for (JsonNode server : ok(admin.get(ApiPaths.SERVERS))) {
            if (server.path("builtIn").asBoolean()) {
                return server;
            }
        }
        throw new AssertionError("no built-in server");
    }

    static Map<String, Object> credential(String name) {
        return Map.of("name", name, "type", "PASSWORD", "username", "root", "password", "hunter2-" + UUID.randomUUID());
    }

    static Map<String, Object> server(String name, String address, String credentialId) {
        Map<String, Object> server = new LinkedHashMap<>();
        if (name != null) {
            server.put("name", name);
        }
        server.put("address", address);
        server.put("credentialId", credentialId);
        return server;
    }

    static Map<String, Object> trafficRule(String name) {
        return Map.of("name", name, "sourceRange", "10.0.0.0/8", "targetRange", "public",
                "throttle", Map.of("enabled", true, "value", 50, "unit", "MBYTE_PER_SEC"));
    }

    static Map<String, Object> job(String name, String repositoryId) {
        return Map.of("name", name, "type", "VM_BACKUP", "repositoryId", repositoryId,
                "objects", List.of(Map.of("reference", "vm:6f1c1d2e-0000-4000-8000-000000000001:/vms/web-01",
                        "excludedDisks", List.of("vdb"))),
                "schedule", Map.of("kind", "DAILY", "time", "22:00", "days", List.of("MONDAY", "FRIDAY")),
                "retention", Map.of("unit", "RESTORE_POINTS", "value", 7));
    }

    static JsonNode ok(Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    static JsonNode created(Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        assertThat(response.raw().headers().firstValue("Location")).isPresent();
        return response.json();
    }

    static void assertConflict(Response response, String messagePart) {
        assertThat(response.status()).as("%s", response).isEqualTo(409);
        assertThat(response.json().path("message").asText()).contains(messagePart);
    }

    private String storedCredentials(String marker) throws Exception {
        if (database.postgres() != null) {
            StringBuilder all = new StringBuilder();
            try (Connection connection = DriverManager.getConnection(database.postgres().jdbcUrl(),
                    database.postgres().user(), database.postgres().password());
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT * FROM credentials")) {
                while (rows.next()) {
                    for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                        all.append(rows.getString(column)).append('|');
                    }
                }
            }
            return all.toString();
        }
        // H2 writes its file a moment after the commit; read the raw file until the row is there.
        Path file = engine.dataDirectory().resolve("database").resolve("bulwark.mv.db");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String content = "";
        while (Instant.now().isBefore(deadline) && !content.contains(marker)) {
            content = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            Thread.sleep(200);
        }
        return content;
    }

    private static JsonNode parse(String json) throws Exception {
        return io.bulwark.protocol.ApiJson.mapper().readTree(json);
    }

    private static BufferedReader reader(HttpResponse<InputStream> stream) {
        return new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
    }

    /** Reads the stream until an event of this name, and returns its data; fails after 20 seconds. */
    private static String nextEvent(BufferedReader events, String name) throws Exception {
        CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
            try {
                String event = null;
                for (String line = events.readLine(); line != null; line = events.readLine()) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:") && name.equals(event)) {
                        return line.substring(5).strip();
                    }
                }
                throw new AssertionError("The event stream ended before an event '" + name + "'");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return data.get(20, TimeUnit.SECONDS);
    }

    // --- virtualization hosts and the inventory (issue 5) -----------------------------------------

    @Test
    void theBackupServerBecomesAVirtualizationHostWithFieldErrorsForBadRequests() {
        String thisServer = thisServer().path("id").asText();
        String datastore = "/nonexistent-bulwark-contract/vm store";
        JsonNode host = created(admin.post(ApiPaths.VIRTUALIZATION_HOSTS,
                Map.of("serverId", thisServer, "datastores", List.of(datastore))));
        String id = host.path("id").asText();
        assertThat(host.path("name").asText()).isEqualTo("This server");
        assertThat(host.path("rescanMinutes").asInt()).isEqualTo(60);
        assertThat(host.path("datastores")).extracting(JsonNode::asText).containsExactly(datastore);
        assertThat(ok(admin.get(ApiPaths.VIRTUALIZATION_HOSTS))).anyMatch(h -> h.path("id").asText().equals(id));

        assertConflict(admin.post(ApiPaths.VIRTUALIZATION_HOSTS,
                Map.of("serverId", thisServer, "datastores", List.of("/other"))), "already a virtualization host");
        Response bad = admin.post(ApiPaths.VIRTUALIZATION_HOSTS, Map.of("serverId", UUID.randomUUID().toString(),
                "datastores", List.of("vms", "/a", "/a"), "rescanMinutes", -5));
        assertThat(bad.status()).as("%s", bad).isEqualTo(400);
        JsonNode fields = bad.json().path("fields");
        assertThat(fields.path("serverId").asText()).startsWith("names no managed server");
        assertThat(fields.path("datastores[0]").asText()).isEqualTo("must be an absolute path (starting with /)");
        assertThat(fields.path("datastores[2]").asText()).isEqualTo("is listed twice");
        assertThat(fields.path("rescanMinutes").asText()).isEqualTo("must be between 0 and 10080");

        JsonNode changed = ok(admin.put(ApiPaths.VIRTUALIZATION_HOSTS + "/" + id,
                Map.of("serverId", thisServer, "datastores", List.of(datastore, "/nonexistent-bulwark-2"),
                        "rescanMinutes", 0)));
        assertThat(changed.path("rescanMinutes").asInt()).isZero();
        assertThat(changed.path("datastores")).hasSize(2);

        // The scan (local: no SSH to the engine's own host) finds neither folder: a warning, not a failure.
        JsonNode scanned = ok(userWithRole("OPERATOR").post(ApiPaths.virtualizationHostRescan(UUID.fromString(id)), null));
        assertThat(scanned.path("datastores")).hasSize(2).allSatisfy(d -> {
            assertThat(d.path("reachable").asBoolean()).isFalse();
            assertThat(d.path("message").asText()).contains("does not exist");
        });
        assertThat(ok(admin.get(ApiPaths.VIRTUALIZATION_HOSTS + "/" + id)).path("scanState").asText()).isEqualTo("WARNING");

        assertThat(admin.delete(ApiPaths.VIRTUALIZATION_HOSTS + "/" + id).status()).isEqualTo(204);
        assertThat(admin.get(ApiPaths.VIRTUALIZATION_HOSTS + "/" + id).status()).isEqualTo(404);
        assertThat(ok(admin.get(ApiPaths.INVENTORY))).noneMatch(h -> h.path("hostId").asText().equals(id));
    }

    @Test
    void viewersReadTheInventoryOperatorsRescanAdministratorsChangeHosts() {
        TestApi viewer = userWithRole("VIEWER");
        TestApi operator = userWithRole("OPERATOR");
        assertThat(ok(viewer.get(ApiPaths.INVENTORY)).isArray()).isTrue();
        assertThat(ok(viewer.get(ApiPaths.VIRTUALIZATION_HOSTS)).isArray()).isTrue();
        Map<String, Object> request = Map.of("serverId", UUID.randomUUID().toString(), "datastores", List.of("/vms"));
        assertThat(viewer.post(ApiPaths.VIRTUALIZATION_HOSTS, request).status()).isEqualTo(403);
        assertThat(operator.post(ApiPaths.VIRTUALIZATION_HOSTS, request).status()).isEqualTo(403);
        assertThat(viewer.post(ApiPaths.virtualizationHostRescan(UUID.randomUUID()), null).status()).isEqualTo(403);
        assertThat(operator.post(ApiPaths.virtualizationHostRescan(UUID.randomUUID()), null).status()).isEqualTo(404);
    }
}
