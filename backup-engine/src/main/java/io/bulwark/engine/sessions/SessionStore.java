package io.bulwark.engine.sessions;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.sql.ResultSet;
import java.sql.SQLException;
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
