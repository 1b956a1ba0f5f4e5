package io.bulwark.engine.sessions;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.jobs.JobStore;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.sessions.SessionRequest;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Job sessions, the history of job runs, newest first. */
public class SessionService implements EntityService<SessionRequest, SessionView> {
    /** How many sessions a list returns: enough for the History view, bounded for the wire. */
    public static final int LIST_LIMIT = 1000;

    private final SessionStore store;
    private final JobStore jobs;
    private final Clock clock;

    public SessionService(SessionStore store, JobStore jobs, Clock clock) {
        this.store = store;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public List<SessionView> list() {
        return store.newest(LIST_LIMIT);
    }

    @Override
    public SessionView get(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("job session", id));
    }

    @Override
    public SessionView create(SessionRequest request, Caller caller) {
        SessionView session = validated(UUID.randomUUID(), request);
        store.insert(session);
        return session;
    }

    @Override
    public SessionView update(UUID id, SessionRequest request, Caller caller) {
        get(id);
        SessionView changed = validated(id, request);
        store.update(changed);
        return changed;
    }

    @Override
    public SessionView delete(UUID id, Caller caller) {
        SessionView session = get(id);
        store.delete(id);
        return session;
    }

    private SessionView validated(UUID id, SessionRequest request) {
        FieldErrors errors = new FieldErrors();
        Optional<JobView> job = Optional.empty();
        if (errors.required("jobId", request.jobId()) != null) {
            job = jobs.find(request.jobId());
            if (job.isEmpty()) {
                errors.add("jobId", "names no job");
            }
        }
        SessionState state = errors.required("state", request.state());
        Instant started = Objects.requireNonNullElseGet(request.startedAt(), clock::instant);
        Instant ended = request.endedAt();
        if (state != null && state.finished() && ended == null) {
            errors.add("endedAt", "is required for a finished session");
        } else if (state == SessionState.RUNNING && ended != null) {
            errors.add("endedAt", "must be empty while the session is running");
        } else if (ended != null && ended.isBefore(started)) {
            errors.add("endedAt", "must not be before startedAt");
        }
        Integer progress = errors.range("progressPercent", request.progressPercent(), 0, 100, 0);
        long processed = nonNegative(errors, "processedBytes", request.processedBytes());
        long transferred = nonNegative(errors, "transferredBytes", request.transferredBytes());
        String message = errors.text("message", request.message(), 4096);
        errors.throwIfAny();
        return new SessionView(id, request.jobId(), job.get().name(), job.get().type(), state, started, ended,
                progress, processed, transferred, message);
    }

    private static long nonNegative(FieldErrors errors, String field, Long value) {
        if (value != null && value < 0) {
            errors.add(field, "must not be negative");
        }
        return value == null ? 0 : value;
    }
}
