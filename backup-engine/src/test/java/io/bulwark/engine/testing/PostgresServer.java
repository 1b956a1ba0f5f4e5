package io.bulwark.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, made from Debian's {@code postgresql} package: its own
 * cluster in a temporary folder, listening on loopback only, password authentication, stopped by
 * PID when the test JVM ends. One per test JVM; each test gets a database of its own.
 *
 * <p>PostgreSQL refuses to run as root; when the tests run as root, the server runs as the
 * {@code postgres} user the package creates.
 */
public final class PostgresServer {
    public static final String USER = "bulwark";
    public static final String PASSWORD = "test-only-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static PostgresServer shared;

    /** A database of the test server, with what an engine needs to reach it. */
    public record Database(String jdbcUrl, String user, String password) {
    }

    private final Path binaries;
    private final Path root;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();
    private Process server;

    private PostgresServer(Path binaries, Path root, int port, boolean asPostgresUser) {
        this.binaries = binaries;
        this.root = root;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The test JVM's server, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            PostgresServer server = new PostgresServer(findBinaries(), temporaryRoot(), freePort(), runningAsRoot());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-test-stop"));
            shared = server;
        }
        return shared;
    }

    /** A new, empty database owned by the test user. */
    public Database newDatabase() {
        String name = "bulwark_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database " + name, e);
        }
        return new Database(url(name), USER, PASSWORD);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void start() {
        Path data = root.resolve("data");
        Path passwordFile = root.resolve("password");
        try {
            Files.writeString(passwordFile, PASSWORD + "\n");
            if (asPostgresUser) {
                UserPrincipal postgres = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(root, postgres);
                Files.setOwner(passwordFile, postgres);
            }
            run(List.of(binaries.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
            List<String> command = command(List.of(binaries.resolve("postgres").toString(), "-D", data.toString(),
                    "-p", String.valueOf(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + root,
                    "-c", "fsync=off", "-c", "max_connections=200"));
            server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(root.resolve("server.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the test PostgreSQL in " + root, e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline) && server.isAlive()) {
            try (Connection ignored = DriverManager.getConnection(url("postgres"), USER, PASSWORD)) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(200);
            }
        }
        stop();
        throw new IllegalStateException("The test PostgreSQL did not start; see " + root.resolve("server.log"), last);
    }

    private void stop() {
        if (server != null && server.isAlive()) {
            // SIGTERM is PostgreSQL's "smart" shutdown; the tests have disconnected by now.
            Processes.terminate(server, Duration.ofSeconds(20));
        }
        deleteQuietly(root);
    }

    private void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command(command)).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> command(List<String> command) {
        if (!asPostgresUser) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static Path findBinaries() {
        Path installs = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.isDirectory(installs) ? Files.list(installs) : Stream.empty()) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL is not installed, and the database tests run "
                            + "on it. Install it with: apt-get install postgresql (the tests start their own server)."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryRoot() {
        try {
            Path root = Files.createTempDirectory("bulwark-postgres-");
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the OS cleans it eventually
        }
    }
}
