package io.bulwark.engine.schedules;

import io.bulwark.engine.database.Columns;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two columns of {@code jobs} that belong to the schedules: when each job runs next and when its
 * restore points are checked next. Only the schedules write them; {@code JobStore} never touches
 * them, so an admin's edit and a tick cannot overwrite each other's columns.
 */
public class ScheduleStore {
    private final JdbcClient jdbc;

    public ScheduleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every job's next times, by job id. */
    public Map<UUID, NextRun> all() {
        Map<UUID, NextRun> times = new HashMap<>();
        jdbc.sql("SELECT id, next_run_at, next_health_check_at FROM jobs").query(rs -> {
            UUID id = Columns.uuid(rs, "id");
            times.put(id, new NextRun(id, Columns.instant(rs, "next_run_at"),
                    Columns.instant(rs, "next_health_check_at")));
        });
        return times;
    }

    public Optional<NextRun> find(UUID jobId) {
        return jdbc.sql("SELECT id, next_run_at, next_health_check_at FROM jobs WHERE id = ?").param(jobId)
                .query((rs, row) -> new NextRun(Columns.uuid(rs, "id"), Columns.instant(rs, "next_run_at"),
                        Columns.instant(rs, "next_health_check_at")))
                .optional();
    }

    /** Null for no next run. A job deleted meanwhile is left alone (no row to change). */
    public void setNextRun(UUID jobId, Instant at) {
        jdbc.sql("UPDATE jobs SET next_run_at = ? WHERE id = ?")
                .params(Columns.timestamp(at), jobId).update();
    }

    public void setNextHealthCheck(UUID jobId, Instant at) {
        jdbc.sql("UPDATE jobs SET next_health_check_at = ? WHERE id = ?")
                .params(Columns.timestamp(at), jobId).update();
    }
}
