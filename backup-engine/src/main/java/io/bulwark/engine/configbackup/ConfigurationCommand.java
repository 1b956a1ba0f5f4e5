package io.bulwark.engine.configbackup;

import com.zaxxer.hikari.HikariDataSource;
import io.bulwark.engine.database.DatabaseConfiguration;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.datadir.DataDirectoryInUseException;
import io.bulwark.engine.datadir.DataDirectoryLock;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.engine.servers.ThisHost;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.settings.SettingsException;
import io.bulwark.engine.settings.SettingsLoader;
import io.bulwark.protocol.configuration.ConfigurationBackupKind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code bulwark-engine config export|import|info}: configuration backups from the command line,
 * with the engine stopped. The database and data directory are found through the same settings
 * as the engine's ({@link SettingsLoader}: flags, {@code BULWARK_*} variables, engine.properties),
 * so the command works on exactly the configuration the engine would run with.
 */
public final class ConfigurationCommand {
    private static final String USAGE = """
            Usage: bulwark-engine config export [--out FILE] --password-file FILE [--hint TEXT] [--data-dir DIR ...]
                   bulwark-engine config import --in FILE [--password-file FILE | --master-key FILE] [--data-dir DIR ...]
                   bulwark-engine config info --in FILE

            Configuration backups, with the engine stopped. A file holds every row of the configuration database,
            the master key, and the engine's TLS and CA key stores, sealed (AES-256-GCM) with a password read from
            the first line of the password file. 'import' replaces the configuration of the data directory (keeping
            what it replaces in DIR/backups/before-import-TIME) or fills an empty one; files the engine made by
            itself before a schema migration (DIR/backups/before-schema-*.bcb) open with the data directory's
            master.key, or the one given with --master-key. 'export' writes to DIR/backups unless --out names a
            file. The database is the engine's: --config, --data-dir, --jdbc-url, --jdbc-user and BULWARK_*
            variables work as for the engine.""";
    private static final Set<String> OWN_FLAGS = Set.of("--out", "--in", "--password-file", "--master-key", "--hint");

    private final SettingsLoader settings;
    private final PrintStream out;

    public ConfigurationCommand(SettingsLoader settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs {@code config ARGS...} ({@code args} without "config") and exits with its status. */
    public static void main(String[] args) {
        System.exit(new ConfigurationCommand(SettingsLoader.fromSystem(), System.out).run(List.of(args), System.err));
    }

    /** @return the exit status: 0 done, 1 failed (the reason on {@code err}), 2 wrong usage */
    public int run(List<String> args, PrintStream err) {
        if (args.isEmpty() || args.contains("--help")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String action = args.getFirst();
        try {
            Map<String, String> own = new LinkedHashMap<>();
            List<String> engine = split(args.subList(1, args.size()), own);
            switch (action) {
                case "export" -> export(own, engine);
                case "import" -> load(own, engine);
                case "info" -> info(own, engine);
                default -> {
                    err.println("Unknown command 'config " + action + "'.\n\n" + USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (UsageException e) {
            err.println(e.getMessage() + "\n\n" + USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("config " + action + ": " + e.getMessage());
            return 1;
        }
    }

    private void export(Map<String, String> own, List<String> engine) {
        String password = password(required(own, "--password-file"));
        EngineSettings resolved = settings(engine);
        if (!Files.isDirectory(resolved.dataDirectory())) {
            throw new ConfigurationBackupException("There is no data directory at " + resolved.dataDirectory()
                    + ". Give the engine's with --data-dir DIR.");
        }
        DataDirectory directory = DataDirectory.open(resolved.dataDirectory());
        // Without --out the file goes where the engine keeps its own backups, under the name the API gives.
        Path target = own.containsKey("--out") ? Path.of(own.get("--out")).toAbsolutePath()
                : directory.backups().resolve(BackupNames.export(ThisHost.hostname(), Instant.now()));
        if (Files.exists(target)) {
            throw new ConfigurationBackupException(target + " exists already; give a new file name with --out.");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new ConfigurationBackupException("The folder " + target.getParent() + " does not exist: make it, or "
                    + "give --out a file in a folder that does (without --out the file goes to "
                    + directory.root().resolve("backups") + ").");
        }
        if (!Files.isWritable(target.getParent())) {
            throw new ConfigurationBackupException("This account cannot write to " + target.getParent() + ": give "
                    + "--out a file in a folder it may write to (on a packaged server, run the command as the "
                    + "bulwark user).");
        }
        try (DataDirectoryLock ignored = lock(directory, "export");
             HikariDataSource dataSource = DatabaseConfiguration.open(resolved.database(), "config-export", 2)) {
            Instant now = Instant.now();
            Snapshots.Snapshot snapshot = Snapshots.take(dataSource, directory);
            byte[] bytes = BackupFile.write(snapshot.content(), snapshot.origin(now, own.get("--hint")),
                    new Seal.Password(password));
            writeOwnerOnly(target, bytes);
            try (Connection connection = dataSource.getConnection()) {
                BackupRecords.record(connection, ConfigurationBackupKind.EXPORT, now, target.getFileName().toString(),
                        bytes.length, snapshot.content().schemaVersion(), null);
            }
            out.println("Exported the configuration of " + directory.root() + " (schema "
                    + snapshot.content().schemaVersion() + ", " + resolved.database().productName() + ") to " + target
                    + ", " + bytes.length + " bytes:");
            printTables(snapshot.content().tables().stream()
                    .collect(LinkedHashMap::new, (m, t) -> m.put(t.name(), t.rows().size()), Map::putAll));
            out.println("Files: " + snapshot.content().files().stream().map(BackupContent.DataFile::path).toList());
        } catch (SQLException e) {
            throw new ConfigurationBackupException("Cannot record the export: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private void load(Map<String, String> own, List<String> engine) {
        Path source = required(own, "--in");
        byte[] file = ConfigurationImport.readFile(source);
        BackupHeader header = BackupFile.header(file);
        ConfigurationImport.checkKnown(header);
        EngineSettings resolved = settings(engine);
        Seal seal;
        if (own.containsKey("--password-file")) {
            seal = new Seal.Password(password(Path.of(own.get("--password-file"))));
        } else {
            Path keyFile = own.containsKey("--master-key") ? Path.of(own.get("--master-key"))
                    : resolved.dataDirectory().resolve(DataDirectoryFiles.MASTER_KEY);
            if (header.mode() == BackupHeader.Mode.PASSWORD) {
                throw new UsageException("This configuration backup is sealed with a password"
                        + (header.hint() == null ? "" : " (hint: " + header.hint() + ")")
                        + ": give it with --password-file FILE.");
            }
            if (!Files.exists(keyFile)) {
                throw new ConfigurationBackupException("This configuration backup is sealed with the master key of "
                        + "the data directory that made it, and there is no " + keyFile + ". Give that master.key "
                        + "with --master-key FILE.");
            }
            seal = new Seal.WithMasterKey(MasterKey.read(keyFile));
        }
        // Opened in full before anything is touched: a wrong password or a damaged file changes nothing.
        BackupContent content = BackupFile.open(file, seal);
        out.println("Importing " + source + " (schema " + header.schemaVersion() + ", made by Bulwark "
                + header.engineVersion() + " on " + header.host() + " at " + header.createdAt() + ") into "
                + resolved.dataDirectory() + " (" + resolved.database().productName() + ")");
        DataDirectory directory = DataDirectory.open(resolved.dataDirectory());
        try (DataDirectoryLock ignored = lock(directory, "import");
             HikariDataSource dataSource = DatabaseConfiguration.open(resolved.database(), "config-import", 2)) {
            ConfigurationImport.Outcome outcome = new ConfigurationImport(directory, dataSource, out)
                    .run(content, Instant.now());
            out.println("Imported the configuration, schema " + outcome.toSchema() + ":");
            printTables(outcome.rows());
            out.println("Files: " + content.files().stream().map(BackupContent.DataFile::path).toList());
            if (outcome.replacedKeptIn() != null) {
                out.println("The configuration it replaced is in " + outcome.replacedKeptIn());
            }
            out.println("Start the engine to use it.");
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private void info(Map<String, String> own, List<String> engine) {
        if (!engine.isEmpty()) {
            throw new UsageException("config info takes only --in FILE.");
        }
        Path source = required(own, "--in");
        BackupHeader header = BackupFile.header(ConfigurationImport.readFile(source));
        out.println("Bulwark configuration backup " + source);
        out.println("  Intact:           yes (its checksum matches; the password proves it is unaltered)");
        out.println("  Made:             " + header.createdAt() + " on " + header.host() + " by Bulwark "
                + header.engineVersion());
        out.println("  Database:         " + header.database() + ", schema version " + header.schemaVersion()
                + (Migrations.newerThanKnown(header.schemaVersion()) ? " (newer than this engine's "
                + Migrations.latestKnown() + ": install Bulwark " + header.engineVersion() + " or later to import it)"
                : " (this engine imports it)"));
        out.println("  Sealed with:      " + (header.mode() == BackupHeader.Mode.PASSWORD
                ? "a password (Argon2id, " + header.kdf().memoryKiB() / 1024 + " MiB, " + header.kdf().iterations()
                + " passes), AES-256-GCM"
                : "the master key of the data directory that made it, AES-256-GCM"));
        if (header.hint() != null) {
            out.println("  Password hint:    " + header.hint());
        }
        out.println("  Encrypted bytes:  " + header.sealedBytes());
    }

    private void printTables(Map<String, Integer> rows) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10);
        rows.forEach((table, count) -> out.printf("  %-" + width + "s %8d rows%n", table, count));
    }

    private EngineSettings settings(List<String> engine) {
        try {
            return settings.load(engine);
        } catch (SettingsException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static DataDirectoryLock lock(DataDirectory directory, String action) {
        try {
            return DataDirectoryLock.acquire(directory);
        } catch (DataDirectoryInUseException e) {
            throw new ConfigurationBackupException("Cannot " + action + " while an engine runs on "
                    + directory.root() + ": " + e.getMessage().replaceFirst("\\. Stop it first.*", "")
                    + ". Stop the engine first, then run this again. Nothing was changed.");
        }
    }

    /** The password: the first line of the file, as {@code repo init} reads it. */
    private static String password(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.getFirst().isEmpty()) {
                throw new ConfigurationBackupException("The password file " + file + " is empty: put the password on "
                        + "its first line.");
            }
            return lines.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the password file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void writeOwnerOnly(Path target, byte[] bytes) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Path required(Map<String, String> own, String flag) {
        String value = own.get(flag);
        if (value == null) {
            throw new UsageException("Missing " + flag + ".");
        }
        return Path.of(value);
    }

    /** Takes this command's flags out of {@code args}; the rest are the engine's settings flags. */
    private static List<String> split(List<String> args, Map<String, String> own) {
        List<String> engine = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!OWN_FLAGS.contains(name)) {
                engine.add(arg);
                continue;
            }
            if (arg.contains("=")) {
                own.put(name, arg.substring(arg.indexOf('=') + 1));
            } else if (i + 1 < args.size()) {
                own.put(name, args.get(++i));
            } else {
                throw new UsageException("Option " + name + " needs a value.");
            }
        }
        return engine;
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
