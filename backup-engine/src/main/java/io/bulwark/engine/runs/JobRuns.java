package io.bulwark.engine.runs;

import io.bulwark.protocol.sessions.SessionView;
import java.util.UUID;
import java.util.function.Consumer;

/** What starts and stops job runs: the job actions and the job schedules. */
public interface JobRuns {
    /**
     * Starts a run and answers its session at once; the run goes on in the background.
     *
     * @throws io.bulwark.engine.entities.ConflictException when the job is running already, or
     *         (RETRY) its last session has no failed VM
     */
    SessionView start(UUID jobId, RunKind kind);

    /**
     * Stops the job's running session: queued tasks are withdrawn, running ones cancelled, and no
     * partial restore point is kept. The session ends STOPPED with {@code reason} in its message.
     *
     * @throws io.bulwark.engine.entities.ConflictException when the job is not running
     */
    SessionView stop(UUID jobId, String reason);

    boolean isRunning(UUID jobId);

    /** Called once for every session that ends (on a worker thread), with its final view. */
    void whenSessionEnds(Consumer<SessionView> listener);
}
