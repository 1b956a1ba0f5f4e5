package io.bulwark.engine.runs;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.backups.BackupHealth;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code restore_points} table: one row per VM per successful run. */
public class RestorePointStore {
    private static final String SELECT = """
            SELECT p.*, r.name AS repository_name FROM restore_points p
            JOIN backup_repositories r ON r.id = p.repository_id
            """;
    private static final TypeReference<List<RestorePointDisk>> DISKS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public RestorePointStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<RestorePointView> list(UUID jobId) {
        return jobId == null
                ? jdbc.sql(SELECT + " ORDER BY p.created_at DESC").query(RestorePointStore::map).list()
                : jdbc.sql(SELECT + " WHERE p.job_id = ? ORDER BY p.created_at DESC").param(jobId)
                        .query(RestorePointStore::map).list();
    }

    public Optional<RestorePointView> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE p.id = ?").param(id).query(RestorePointStore::map).optional();
    }

    /**
     * The VM's newest restore point in a folder of a repository (null: the repository's own): what
     * the next incremental reads through, as the agent compares with the newest point of that folder.
     */
    public Optional<RestorePointView> newest(String vmReference, UUID repositoryId, String folder) {
        String where = " WHERE p.vm_reference = ? AND p.repository_id = ? AND p.folder ";
        String newestFirst = " ORDER BY p.created_at DESC FETCH FIRST 1 ROWS ONLY";
        return (folder == null
                ? jdbc.sql(SELECT + where + "IS NULL" + newestFirst).params(vmReference, repositoryId)
                : jdbc.sql(SELECT + where + "= ?" + newestFirst).params(vmReference, repositoryId, folder))
                .query(RestorePointStore::map).optional();
    }

    /** The restore points a folder of a repository holds. */
    public List<UUID> inFolder(UUID repositoryId, String folder) {
        return jdbc.sql("SELECT id FROM restore_points WHERE repository_id = ? AND folder = ?")
                .params(repositoryId, folder).query((rs, row) -> Columns.uuid(rs, "id")).list();
    }

    /** @param passwordSecret for a point in a job's folder, the password that opens it under the master key */
    public void insert(RestorePointView p, String passwordSecret) {
        jdbc.sql("""
                INSERT INTO restore_points (id, job_id, job_name, vm_reference, vm_name, repository_id, folder,
                    password_secret, session_id, created_at, disks)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), p.jobId(), p.jobName(), p.vmReference(), p.vmName(), p.repositoryId(), p.folder(),
                        passwordSecret, p.sessionId(), Columns.timestamp(p.createdAt()), Columns.json(p.disks()))
                .update();
    }

    /** The password that opens a point in a job's folder, under the master key; empty for the repository's own. */
    public Optional<String> passwordSecret(UUID id) {
        return jdbc.sql("SELECT password_secret FROM restore_points WHERE id = ? AND password_secret IS NOT NULL")
                .param(id).query(String.class).optional();
    }

    public void recordPassword(UUID id, String passwordSecret) {
        jdbc.sql("UPDATE restore_points SET password_secret = ? WHERE id = ?").params(passwordSecret, id).update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM restore_points WHERE id = ?").param(id).update();
    }

    public void recordHealth(UUID id, BackupHealth health, Instant checkedAt) {
        jdbc.sql("UPDATE restore_points SET health = ?, checked_at = ? WHERE id = ?")
                .params(health.name(), Columns.timestamp(checkedAt), id).update();
    }

    private static RestorePointView map(ResultSet rs, int row) throws SQLException {
        return new RestorePointView(Columns.uuid(rs, "id"), Columns.uuid(rs, "job_id"), rs.getString("job_name"),
                rs.getString("vm_reference"), rs.getString("vm_name"), Columns.uuid(rs, "repository_id"),
                rs.getString("repository_name"), rs.getString("folder"), Columns.uuid(rs, "session_id"), Columns.instant(rs, "created_at"),
                Columns.json(rs.getString("disks"), DISKS), BackupHealth.valueOf(rs.getString("health")),
                Columns.instant(rs, "checked_at"));
    }
}
