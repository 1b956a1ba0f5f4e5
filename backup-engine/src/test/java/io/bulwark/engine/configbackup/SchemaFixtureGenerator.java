package io.bulwark.engine.configbackup;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.ApiPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes the fixture of {@link SchemaUpgradeTest}: an engine of this build populated with
 * {@link SampleConfiguration}, its H2 database as an SQL script, its key files, its encrypted
 * repository and the JSON of every list endpoint. Run it only on the release whose schema the
 * fixture is to hold, with {@code -Dbulwark.schemaFixture=DIRECTORY}; the test run skips it.
 *
 * <p>The temporary folder the sample lived in is written {@code ${ROOT}} everywhere, so the test
 * can put it anywhere.
 */
class SchemaFixtureGenerator {
    static final String ADMIN_PASSWORD = "the fixture's admin password";
    static final String ROOT_PLACEHOLDER = "${ROOT}";

    @TempDir
    Path temp;

    @Test
    @EnabledIfSystemProperty(named = "bulwark.schemaFixture", matches = ".+")
    void makeTheFixture() throws Exception {
        Path out = Path.of(System.getProperty("bulwark.schemaFixture")).toAbsolutePath();
        Path root = temp.toRealPath().resolve("sample");
        Path data = root.resolve("data");
        SampleConfiguration.Made made;
        Map<String, JsonNode> lists;
        JsonNode audit;
        try (EngineProcess engine = EngineProcess.start(data, Map.of("BULWARK_ADMIN_PASSWORD", ADMIN_PASSWORD))) {
            TestApi admin = TestApi.of(engine).login("admin", ADMIN_PASSWORD);
            made = SampleConfiguration.populate(admin, root);
            lists = SampleConfiguration.lists(admin);
            audit = admin.get(ApiPaths.AUDIT).expect(200);
            engine.stop();
        }
        Files.createDirectories(out.resolve("expected"));
        Path script = out.resolve("database.sql");
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("database").resolve("bulwark"),
                "bulwark", ""); Statement sql = db.createStatement()) {
            sql.execute("SCRIPT NOPASSWORDS NOSETTINGS TO '" + script + "' CHARSET 'UTF-8'");
        }
        Files.writeString(script, Files.readString(script).replace(root.toString(), ROOT_PLACEHOLDER));
        for (Map.Entry<String, JsonNode> list : lists.entrySet()) {
            write(out.resolve("expected").resolve(ApiPaths.collection(list.getKey()) + ".json"), list.getValue(), root);
        }
        write(out.resolve("expected").resolve("audit.json"), audit, root);
        Files.writeString(out.resolve("expected").resolve("sample.json"), ApiJson.mapper()
                .writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("job", made.job(), "point", made.point(),
                        "host", made.host(), "imageSha256", made.imageSha256())));
        copy(data.resolve("master.key"), out.resolve("master.key"));
        for (String file : List.of("engine.p12", "engine.crt", "ca.p12", "ca.crt")) {
            copy(data.resolve("tls").resolve(file), out.resolve("tls").resolve(file));
        }
        copyTree(root.resolve("vault"), out.resolve("vault"));
    }

    private static void write(Path file, JsonNode json, Path root) throws IOException {
        Files.writeString(file, ApiJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json)
                .replace(root.toString(), ROOT_PLACEHOLDER) + "\n", StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(file)) {
                    copy(file, target);
                }
            }
        }
    }
}
