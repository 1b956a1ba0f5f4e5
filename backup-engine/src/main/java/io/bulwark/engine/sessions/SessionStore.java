package io.bulwark.engine.sessions;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code job_sessions} table. */
public class SessionStore {
    private final JdbcClient jdbc;

    public SessionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest sessions first. */
    public List<SessionView> newest(int limit) {
        return jdbc.sql("SELECT * FROM job_sessions ORDER BY started_at DESC, id FETCH FIRST ? ROWS ONLY")
                .param(limit).query(SessionStore::map).list();
    }

    public Optional<SessionView> find(UUID id) {
        return jdbc.sql("SELECT * FROM job_sessions WHERE id = ?").param(id).query(SessionStore::map).optional();
    }

    /** The job's newest session of the given type. */
    public Optional<SessionView> newestOfJob(UUID jobId, JobType type) {
        return jdbc.sql("SELECT * FROM job_sessions WHERE job_id = ? AND job_type = ? ORDER BY started_at DESC, id "
                        + "FETCH FIRST 1 ROWS ONLY")
                .params(jobId, type.name()).query(SessionStore::map).optional();
    }

    /**
     * Ends every session still marked RUNNING: at engine start, these are the sessions the engine
     * was running when it stopped. Answers them as they are now.
     */
    public List<SessionView> failRunning(String why, Instant at) {
        List<UUID> ids = jdbc.sql("SELECT id FROM job_sessions WHERE state = ?").param(SessionState.RUNNING.name())
                .query((rs, row) -> Columns.uuid(rs, "id")).list();
        for (UUID id : ids) {
            jdbc.sql("UPDATE job_sessions SET state = ?, ended_at = ?, message = ? WHERE id = ? AND state = ?")
                    .params(SessionState.FAILED.name(), Columns.timestamp(at), why, id, SessionState.RUNNING.name())
                    .update();
        }
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public void insert(SessionView s) {
        jdbc.sql("""
                INSERT INTO job_sessions (id, job_id, job_name, job_type, state, started_at, ended_at, progress_percent,
                    processed_bytes, transferred_bytes, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(s.id(), s.jobId(), s.jobName(), s.jobType().name(), s.state().name(),
                        Columns.timestamp(s.startedAt()), Columns.timestamp(s.endedAt()), s.progressPercent(),
                        s.processedBytes(), s.transferredBytes(), s.message())
                .update();
    }

    public void update(SessionView s) {
        jdbc.sql("""
                UPDATE job_sessions SET job_id = ?, job_name = ?, job_type = ?, state = ?, started_at = ?, ended_at = ?,
                    progress_percent = ?, processed_bytes = ?, transferred_bytes = ?, message = ?
                WHERE id = ?""")
                .params(s.jobId(), s.jobName(), s.jobType().name(), s.state().name(), Columns.timestamp(s.startedAt()),
                        Columns.timestamp(s.endedAt()), s.progressPercent(), s.processedBytes(), s.transferredBytes(),
                        s.message(), s.id())
                .update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM job_sessions WHERE id = ?").param(id).update();
    }

    private static SessionView map(ResultSet rs, int row) throws SQLException {
        return new SessionView(Columns.uuid(rs, "id"), Columns.uuid(rs, "job_id"), rs.getString("job_name"),
                JobType.valueOf(rs.getString("job_type")), SessionState.valueOf(rs.getString("state")),
                Columns.instant(rs, "started_at"), Columns.instant(rs, "ended_at"), rs.getInt("progress_percent"),
                rs.getLong("processed_bytes"), rs.getLong("transferred_bytes"), rs.getString("message"));
    }
}
