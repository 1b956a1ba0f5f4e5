package io.bulwark.engine.configbackup;

import static io.bulwark.protocol.repositories.EncryptionRequest.MAX_HINT_LENGTH;
import static io.bulwark.protocol.repositories.EncryptionRequest.MAX_PASSWORD_LENGTH;
import static io.bulwark.protocol.repositories.EncryptionRequest.MIN_PASSWORD_LENGTH;

import io.bulwark.engine.audit.AuditLog;
import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Columns;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.servers.ThisHost;
import io.bulwark.protocol.configuration.ConfigurationBackupKind;
import io.bulwark.protocol.configuration.ConfigurationBackupView;
import io.bulwark.protocol.configuration.ConfigurationExportRequest;
import io.bulwark.protocol.events.ChangeAction;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Configuration backups on a running engine: exports through the API, and the list of every backup made. */
public class ConfigurationBackups {
    private static final Logger log = LoggerFactory.getLogger(ConfigurationBackups.class);
    /** Not the path's last part ("backups"), which would read as a job's backups in the audit log. */
    static final String AUDIT_COLLECTION = "configuration-backups";

    private final DataSource dataSource;
    private final DataDirectory directory;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public ConfigurationBackups(DataSource dataSource, DataDirectory directory, JdbcClient jdbc, AuditLog audit,
                                Clock clock) {
        this.dataSource = dataSource;
        this.directory = directory;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** An export: the file's name and its bytes. */
    public record Export(String fileName, byte[] content) {
    }

    /** Exports the whole configuration sealed with the caller's password; records and audits it. */
    public Export export(Caller caller, ConfigurationExportRequest request) {
        FieldErrors errors = new FieldErrors();
        String password = request.password();
        String hint = errors.text("hint", request.hint(), MAX_HINT_LENGTH);
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            errors.add("password", "must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH
                    + " characters long");
        } else if (hint != null && password.strip().equals(hint.strip())) {
            errors.add("hint", "must not be the password itself");
        }
        errors.throwIfAny();
        Instant now = clock.instant();
        Snapshots.Snapshot snapshot = Snapshots.take(dataSource, directory);
        byte[] file = BackupFile.write(snapshot.content(), snapshot.origin(now, hint), new Seal.Password(password));
        String name = BackupNames.export(ThisHost.hostname(), now);
        UUID id;
        try (Connection connection = dataSource.getConnection()) {
            id = BackupRecords.record(connection, ConfigurationBackupKind.EXPORT, now, name, file.length,
                    snapshot.content().schemaVersion(), caller.username());
        } catch (SQLException e) {
            throw new ConfigurationBackupException("Cannot record the export: " + e.getMessage(), e);
        }
        audit.append(caller.username(), ChangeAction.CREATED, AUDIT_COLLECTION, id, name);
        log.info("{} exported the configuration (schema {}, {} bytes) as {}", caller.username(),
                snapshot.content().schemaVersion(), file.length, name);
        return new Export(name, file);
    }

    /** Every configuration backup recorded, newest first. */
    public List<ConfigurationBackupView> list() {
        return jdbc.sql("SELECT * FROM configuration_backups ORDER BY taken_at DESC, id")
                .query((rs, n) -> new ConfigurationBackupView(Columns.uuid(rs, "id"), Columns.instant(rs, "taken_at"),
                        ConfigurationBackupKind.valueOf(rs.getString("kind")), rs.getString("file_name"),
                        rs.getLong("size_bytes"), rs.getString("schema_version"), rs.getString("username")))
                .list();
    }
}
