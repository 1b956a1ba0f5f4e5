package io.bulwark.engine.runs;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.sessions.SessionDetails;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code job_session_details} table: a session's VMs, tasks, load and chart, as JSON. */
public class SessionDetailsStore {
    private final JdbcClient jdbc;

    public SessionDetailsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<SessionDetails> find(UUID sessionId) {
        return jdbc.sql("SELECT details FROM job_session_details WHERE session_id = ?").param(sessionId)
                .query(String.class).optional().map(json -> Columns.json(json, SessionDetails.class));
    }

    public void save(SessionDetails details) {
        UUID id = details.session().id();
        String json = Columns.json(details);
        int updated = jdbc.sql("UPDATE job_session_details SET details = ? WHERE session_id = ?").params(json, id).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO job_session_details (session_id, details) VALUES (?, ?)").params(id, json).update();
        }
    }
}
