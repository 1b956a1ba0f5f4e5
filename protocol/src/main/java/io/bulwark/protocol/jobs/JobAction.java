package io.bulwark.protocol.jobs;

/**
 * What an operator can do to a job besides editing it ({@code POST /jobs/ID/PATH}, no body). Each
 * answers with the session it started or stopped.
 */
public enum JobAction {
    /** Run it now; the next run reads only what changed. */
    START("start"),
    /** End a running session: running tasks are cancelled and no partial restore point is kept. */
    STOP("stop"),
    /** Run again only the VMs that failed in the job's last session. */
    RETRY("retry"),
    /** Run it now reading every disk whole, as the first run did. */
    ACTIVE_FULL("active-full"),
    /** Read back the job's restore points now and mark each healthy or damaged (a HEALTH_CHECK session). */
    HEALTH_CHECK("health-check");

    private final String path;

    JobAction(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
