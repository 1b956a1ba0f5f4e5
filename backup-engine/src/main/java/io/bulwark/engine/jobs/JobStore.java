package io.bulwark.engine.jobs;

import com.fasterxml.jackson.core.type.TypeReference;
import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.Retention;
import io.bulwark.protocol.jobs.RetentionUnit;
import io.bulwark.protocol.repositories.EncryptionView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code jobs} table. */
public class JobStore {
    private static final String SELECT = """
            SELECT j.*, r.name AS repository_name FROM jobs j JOIN backup_repositories r ON r.id = j.repository_id
            """;
    private static final TypeReference<List<JobObject>> OBJECTS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    public JobStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<JobView> list() {
        return jdbc.sql(SELECT + " ORDER BY j.name_key").query(JobStore::map).list();
    }

    public Optional<JobView> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE j.id = ?").param(id).query(JobStore::map).optional();
    }

    /** A job's own encryption password under the master key (see {@link JobSecrets}), when it has one. */
    public Optional<String> passwordSecret(UUID id) {
        return jdbc.sql("SELECT encryption_password_secret FROM jobs WHERE id = ? AND encryption_password_secret IS NOT NULL")
                .param(id)
                .query(String.class).optional();
    }

    /** @param passwordSecret the job's own encryption password under the master key, or null */
    public void insert(JobView j, String passwordSecret) {
        jdbc.sql("""
                INSERT INTO jobs (id, name, name_key, description, type, repository_id, objects, schedule,
                    retention_unit, retention_value, storage, enabled, encryption_enabled, encryption_password_secret,
                    encryption_password_hint, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(j.id(), j.name(), Columns.nameKey(j.name()), j.description(), j.type().name(), j.repositoryId(),
                        Columns.json(j.objects()), Columns.json(j.schedule()), j.retention().unit().name(),
                        j.retention().value(), Columns.json(j.storage()), j.enabled(), j.encryption().enabled(),
                        passwordSecret, j.encryption().passwordHint(), Columns.timestamp(j.createdAt()),
                        Columns.timestamp(j.updatedAt()))
                .update();
    }

    /** @param passwordSecret as for {@link #insert} */
    public void update(JobView j, String passwordSecret) {
        jdbc.sql("""
                UPDATE jobs SET name = ?, name_key = ?, description = ?, type = ?, repository_id = ?, objects = ?,
                    schedule = ?, retention_unit = ?, retention_value = ?, storage = ?, enabled = ?,
                    encryption_enabled = ?, encryption_password_secret = ?, encryption_password_hint = ?, updated_at = ?
                WHERE id = ?""")
                .params(j.name(), Columns.nameKey(j.name()), j.description(), j.type().name(), j.repositoryId(),
                        Columns.json(j.objects()), Columns.json(j.schedule()), j.retention().unit().name(),
                        j.retention().value(), Columns.json(j.storage()), j.enabled(), j.encryption().enabled(),
                        passwordSecret, j.encryption().passwordHint(), Columns.timestamp(j.updatedAt()), j.id())
                .update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM jobs WHERE id = ?").param(id).update();
    }

    private static JobStorage storage(String json) {
        return json == null ? JobStorage.DEFAULT : Columns.json(json, JobStorage.class);
    }

    private static JobView map(ResultSet rs, int row) throws SQLException {
        return new JobView(Columns.uuid(rs, "id"), rs.getString("name"), rs.getString("description"),
                JobType.valueOf(rs.getString("type")), Columns.uuid(rs, "repository_id"),
                rs.getString("repository_name"), Columns.json(rs.getString("objects"), OBJECTS),
                Columns.json(rs.getString("schedule"), JobSchedule.class),
                new Retention(RetentionUnit.valueOf(rs.getString("retention_unit")), rs.getInt("retention_value")),
                storage(rs.getString("storage")), new EncryptionView(rs.getBoolean("encryption_enabled"),
                        rs.getString("encryption_password_secret") != null, rs.getString("encryption_password_hint")),
                rs.getBoolean("enabled"), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
