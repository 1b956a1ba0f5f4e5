package io.bulwark.console.jobs;

import io.bulwark.console.common.Formats;
import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A line of the Jobs view: the job, and its latest session (null when it never ran), which gives
 * the Status and Last result columns and what the actions may do (Stop only while it runs).
 */
public record JobRow(JobView job, SessionView lastSession) implements EntityView {
    @Override
    public UUID id() {
        return job.id();
    }

    @Override
    public String name() {
        return job.name();
    }

    public boolean running() {
        return lastSession != null && lastSession.state() == SessionState.RUNNING;
    }

    /** "Running 45 %", "Disabled", "Idle": what the job does now. */
    public String status() {
        if (running()) {
            return "Running " + lastSession.progressPercent() + " %";
        }
        return job.enabled() ? "Idle" : "Disabled";
    }

    /** The result of the last run that ended, or empty before the first one. */
    public String lastResult() {
        return lastSession == null || !lastSession.state().finished() ? "" : Formats.label(lastSession.state());
    }

    /** Each job with its latest session: one pass over the sessions. */
    public static List<JobRow> join(List<JobView> jobs, List<SessionView> sessions) {
        Map<UUID, SessionView> latest = new HashMap<>();
        Comparator<SessionView> newer = Comparator.comparing(SessionView::startedAt,
                Comparator.nullsFirst(Comparator.naturalOrder()));
        for (SessionView session : sessions) {
            if (session.jobId() != null) {
                latest.merge(session.jobId(), session, (a, b) -> newer.compare(a, b) >= 0 ? a : b);
            }
        }
        return jobs.stream().map(job -> new JobRow(job, latest.get(job.id()))).toList();
    }
}
