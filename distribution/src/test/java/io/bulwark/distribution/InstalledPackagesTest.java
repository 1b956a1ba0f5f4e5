package io.bulwark.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import io.bulwark.installer.FileTrees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages as an admin gets them: both Debian packages installed on this machine with dpkg,
 * the engine run exactly as its systemd unit runs it (its user, its settings, its command) but in
 * a network namespace of its own, a "remote" backup server at 10.213.70.2, and the console started
 * from its desktop entry on the Xvfb display. A Java agent drives the console from inside its own
 * process (see {@code PackagedConsoleDriver}): it connects, trusts the certificate after comparing
 * it, and reads the infrastructure views. At the end the packages are purged and their user removed.
 *
 * <p>Needs root, {@code ip netns}, dpkg and a display (./bulwark test starts Xvfb).
 */
class InstalledPackagesTest {
    private static final Path DIST = Path.of(System.getProperty("bulwark.dist", "target/dist"));
    private static final Path UNIT = Path.of("/lib/systemd/system/bulwark-engine.service");
    private static final Path DATA = Path.of("/var/lib/bulwark");
    private static final Path LOGS = Path.of("/var/log/bulwark");
    private static final Path SETTINGS = Path.of("/etc/bulwark/engine.properties");
    private static final Path DESKTOP_ENTRY = Path.of("/usr/share/applications/bulwark-console.desktop");
    private static final Path WORK = Path.of("target/installed-packages").toAbsolutePath();

    private static RemoteNamespace remote;
    private static Process engine;
    private static String installOutput;

    @BeforeAll
    static void installBothPackages() throws IOException {
        assertThat(Commands.run("id", "-u").strip()).as("the package test installs packages: run it as root").isEqualTo("0");
        assertThat(System.getenv("DISPLAY")).as("the console needs a display; ./bulwark test starts Xvfb").isNotBlank();
        for (String name : List.of("bulwark-engine", "bulwark-console")) {
            if (Commands.tryRun("dpkg-query", "-W", "-f=${Status}", name).output().contains("installed")) {
                fail(name + " is installed on this machine; the package test installs and purges its own. "
                        + "Remove it first (dpkg --purge " + name + ").");
            }
        }
        FileTrees.delete(WORK);
        Files.createDirectories(WORK);
        installOutput = Commands.run("dpkg", "-i", deb("bulwark-engine").toString(), deb("bulwark-console").toString());
    }

    @AfterAll
    static void purgeEverything() throws Exception {
        if (engine != null) {
            stopEngine();
        }
        if (remote != null) {
            remote.close();
        }
        Commands.tryRun("dpkg", "--purge", "bulwark-console", "bulwark-engine");
        FileTrees.delete(DATA);
        Commands.tryRun("userdel", "bulwark");
        Commands.tryRun("groupdel", "bulwark");
    }

    @Test
    void theEnginePackageLaysOutAServiceWithItsOwnUserSettingsDataAndLogs() throws IOException {
        assertThat(installOutput).contains("Setting up bulwark-engine").contains("Setting up bulwark-console")
                .contains("/var/lib/bulwark/initial-admin-password");
        assertThat(Commands.run("getent", "passwd", "bulwark")).contains(":/var/lib/bulwark:/usr/sbin/nologin");
        assertThat(owner(DATA)).isEqualTo("bulwark:bulwark rwx------");
        assertThat(owner(LOGS)).isEqualTo("bulwark:adm rwxr-x---");
        assertThat(owner(SETTINGS.getParent())).isEqualTo("root:bulwark rwxr-x---");
        assertThat(owner(SETTINGS)).isEqualTo("root:bulwark rw-r-----");
        assertThat(Files.readString(SETTINGS)).contains("data.dir=/var/lib/bulwark", "log.dir=/var/log/bulwark");
        assertThat(Files.readString(UNIT)).contains("User=bulwark", "ExecStart=/opt/bulwark/engine/bin/bulwark-engine",
                "NoNewPrivileges=yes", "WantedBy=multi-user.target");

        String help = Commands.run("/usr/bin/bulwark-engine", "--help");
        for (String variable : List.of("BULWARK_CONFIG", "BULWARK_DATA_DIR", "BULWARK_LOG_DIR", "BULWARK_PORT",
                "BULWARK_BIND_ADDRESS", "BULWARK_SESSION_LIFETIME", "BULWARK_JDBC_URL", "BULWARK_JDBC_USER",
                "BULWARK_JDBC_PASSWORD", "BULWARK_AGENT_BUNDLE", "BULWARK_ADMIN_PASSWORD")) {
            assertThat(help).contains(variable);
        }
        assertThat(Files.readString(Path.of("/opt/bulwark/engine/agent-bundle/ARCHITECTURE")).strip()).isEqualTo("x86_64");
        for (String name : List.of("bulwark-engine", "bulwark-console")) {
            // A hard link inside a package would tie folders that may be on different filesystems.
            assertThat(Commands.run("dpkg-deb", "--contents", deb(name).toString())).as(name).doesNotContain(" link to ");
        }
        assertThat(Path.of("/opt/bulwark/engine/runtime/bin/java")).isExecutable();
    }

    @Test
    void theInstalledConsoleConnectsToTheEngineServiceOnAnotherHost() throws Exception {
        remote = RemoteNamespace.create();
        engine = startEngineAsItsUnitDoes();
        JsonNode state = awaitRunState();
        assertThat(owner(DATA.resolve("master.key"))).isEqualTo("bulwark:bulwark rw-------");
        assertThat(Files.readString(LOGS.resolve("engine.log"))).as("where an admin finds the fingerprint")
                .contains("certificate SHA-256 " + state.path("fingerprint").asText());

        Path home = Files.createDirectories(WORK.resolve("admin-home"));
        Path orders = WORK.resolve("driver.properties");
        Path result = WORK.resolve("driver-result.properties");
        Path screenshot = WORK.resolve("installed-console.png");
        Properties order = new Properties();
        order.putAll(Map.of("host", RemoteNamespace.ADDRESS, "port", state.path("port").asText(), "user", "admin",
                "password-file", DATA.resolve("initial-admin-password").toString(), "result", result.toString(),
                "screenshot", screenshot.toString()));
        try (var writer = Files.newBufferedWriter(orders)) {
            order.store(writer, null);
        }
        Path driver = DriverJar.write(WORK.resolve("console-driver.jar"));

        List<String> command = new ArrayList<>(Arrays.asList(desktopEntryExec().split(" ")));
        ProcessBuilder console = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("console.out").toFile());
        console.environment().put("HOME", home.toString());
        console.environment().remove("XDG_CONFIG_HOME");
        // A new admin account: Java takes the home folder from the password database, not from HOME.
        console.environment().put("JAVA_TOOL_OPTIONS", "-javaagent:" + driver + "=" + orders
                + " -Duser.home=" + home + " -Dprism.order=sw -Dtestfx.robot=glass");
        Process process = console.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("The installed console did not finish within 3 minutes:\n" + Files.readString(WORK.resolve("console.out")));
        }
        assertThat(result).as("the driver's result; the console said:\n" + Files.readString(WORK.resolve("console.out")))
                .exists();
        Properties seen = new Properties();
        try (Reader reader = Files.newBufferedReader(result)) {
            seen.load(reader);
        }
        assertThat(seen.getProperty("outcome")).as(seen.getProperty("error", "")).isEqualTo("ok");
        assertThat(seen.getProperty("java.home")).as("the console runs on its own runtime").startsWith("/opt/bulwark/console/");
        assertThat(seen.getProperty("fingerprint")).isEqualTo(state.path("fingerprint").asText());
        assertThat(seen.getProperty("proxies")).contains("Built-in proxy", "This server");
        assertThat(seen.getProperty("servers")).contains("This server", Commands.run("hostname").strip(), "Ready");
        assertThat(seen.getProperty("status-engine")).contains(RemoteNamespace.ADDRESS + ":" + state.path("port").asText());
        assertThat(seen.getProperty("connection-state")).isEqualTo("Connected");
        assertThat(screenshot).isNotEmptyFile();
        Path profiles = home.resolve(".config/bulwark-console/profiles.json");
        assertThat(Files.readString(profiles)).as("the saved connection").contains("admin@" + RemoteNamespace.ADDRESS)
                .doesNotContain(Files.readString(DATA.resolve("initial-admin-password")).strip());

        // Installing the package again is an upgrade to dpkg (prerm upgrade, postinst configure OLD):
        // the admin's settings, the data and the engine's identity stay.
        stopEngine();
        Files.writeString(SETTINGS, Files.readString(SETTINGS) + "\n# changed by the admin\n");
        String masterKey = Commands.run("sha256sum", DATA.resolve("master.key").toString());
        String reinstall = Commands.run("dpkg", "-i", deb("bulwark-engine").toString());
        assertThat(reinstall).contains("Setting up bulwark-engine").doesNotContain("initial-admin-password");
        assertThat(Files.readString(SETTINGS)).contains("# changed by the admin");
        assertThat(Commands.run("sha256sum", DATA.resolve("master.key").toString())).isEqualTo(masterKey);
        engine = startEngineAsItsUnitDoes();
        assertThat(awaitRunState().path("fingerprint").asText()).isEqualTo(state.path("fingerprint").asText());

        // The configuration backup as the README has an admin take it on a packaged server.
        stopEngine();
        Path password = DATA.resolve("backups-password.txt");
        Files.writeString(password, "a configuration backup password");
        Commands.run("chown", "bulwark:bulwark", password.toString());
        Commands.Result nowhere = Commands.tryRun("runuser", "-u", "bulwark", "--", "/usr/bin/bulwark-engine", "config",
                "export", "--out", "/nonexistent/config.bcb", "--password-file", password.toString());
        assertThat(nowhere.status()).isEqualTo(1);
        assertThat(nowhere.output()).contains("The folder /nonexistent does not exist");
        String exported = Commands.run("runuser", "-u", "bulwark", "--", "/usr/bin/bulwark-engine", "config", "export",
                "--password-file", password.toString());
        Path export;
        try (Stream<Path> files = Files.list(DATA.resolve("backups"))) {
            export = files.filter(file -> file.getFileName().toString().startsWith("bulwark-configuration-"))
                    .findFirst().orElseThrow(() -> new AssertionError("no export in /var/lib/bulwark/backups: " + exported));
        }
        assertThat(owner(export)).isEqualTo("bulwark:bulwark rw-------");
        assertThat(exported).contains("Exported the configuration of /var/lib/bulwark");
        assertThat(Commands.run("/usr/bin/bulwark-engine", "config", "info", "--in", export.toString()))
                .contains("Intact:           yes", "by Bulwark " + Files.readString(Path.of("/opt/bulwark/engine/VERSION")).strip(),
                        "(this engine imports it)", "Sealed with:      a password");
    }

    private static void stopEngine() throws InterruptedException {
        engine.destroy();
        if (!engine.waitFor(60, TimeUnit.SECONDS)) {
            engine.destroyForcibly().waitFor();
        }
    }

    /** The unit's ExecStart as its User, with its Environment and UMask, inside the remote namespace. */
    private static Process startEngineAsItsUnitDoes() throws IOException {
        Map<String, String> unit = unitSettings();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", RemoteNamespace.NAME, "setpriv",
                "--reuid=" + unit.get("User"), "--regid=" + unit.get("Group"), "--init-groups", "env", "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=" + DATA, unit.get("Environment"), "sh", "-c",
                "umask " + unit.get("UMask") + " && exec \"$0\" \"$@\""));
        command.addAll(Arrays.asList(unit.get("ExecStart").split(" ")));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(WORK.resolve("engine.out").toFile())
                .start();
    }

    private static Map<String, String> unitSettings() throws IOException {
        Map<String, String> settings = new java.util.HashMap<>();
        for (String line : Files.readAllLines(UNIT)) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#")) {
                settings.putIfAbsent(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return settings;
    }

    private static JsonNode awaitRunState() throws Exception {
        Path file = DATA.resolve("run/engine.json");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!engine.isAlive()) {
                fail("The packaged engine exited with " + engine.exitValue() + ":\n" + Files.readString(WORK.resolve("engine.out")));
            }
            if (Files.isRegularFile(file)) {
                JsonNode state = ApiJson.mapper().readTree(Files.readString(file));
                if (state.path("pid").asLong() == engine.pid()) {
                    return state;
                }
            }
            Thread.sleep(200);
        }
        fail("The packaged engine did not start within 2 minutes:\n" + Files.readString(WORK.resolve("engine.out")));
        return null;
    }

    private static String desktopEntryExec() throws IOException {
        return Files.readAllLines(DESKTOP_ENTRY).stream().filter(line -> line.startsWith("Exec=")).findFirst()
                .map(line -> line.substring("Exec=".length())).orElseThrow();
    }

    private static String owner(Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
        return attributes.owner().getName() + ":" + attributes.group().getName() + " "
                + PosixFilePermissions.toString(attributes.permissions());
    }

    private static Path deb(String name) throws IOException {
        try (Stream<Path> files = Files.list(DIST)) {
            return files.filter(file -> file.getFileName().toString().startsWith(name + "_")
                    && file.getFileName().toString().endsWith("_amd64.deb")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No " + name + " package in " + DIST.toAbsolutePath()
                            + ": the distribution module's package phase makes it."));
        }
    }
}
