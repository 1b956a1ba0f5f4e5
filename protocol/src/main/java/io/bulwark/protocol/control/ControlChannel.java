package io.bulwark.protocol.control;

/**
 * The control channel between the engine and an agent: TLS 1.3 to the agent's control port
 * (6162 by default), a certificate on each end, both signed by the engine's CA. The engine sends
 * one JSON request per line ({@link ControlRequest}); the agent answers each with one JSON line.
 * Version 3 knows these requests:
 * <ul>
 *   <li>{@link #HEALTH}, no body, answered with an {@link AgentHealth};</li>
 *   <li>{@link #INIT_REPOSITORY}, body {@link RepositoryInit}, answered with a {@link RepositoryInitialised};</li>
 *   <li>{@link #TRAFFIC_RULES}, body {@link TrafficPolicy}, answered with a {@link ControlDone};</li>
 *   <li>{@link #BACKUP_DISK}, body {@link DiskBackupOrder}, and {@link #RESTORE_DISK}, body
 *       {@link DiskRestoreOrder}: start a task, answered at once with its {@link TaskStatus};</li>
 *   <li>{@link #TASK_STATUS} and {@link #TASK_CANCEL}, body {@link TaskQuery}, answered with the
 *       {@link TaskStatus}. An agent keeps a finished task's status for an hour.</li>
 * </ul>
 * A request that fails is answered with a {@link ControlError}.
 *
 * <p>Only the engine may use it: the agent accepts a client only if its certificate chains to the
 * CA it was given at install and names {@link #ENGINE_CLIENT_NAME}. Other agents hold certificates
 * from the same CA, for the data channels, and are refused here.
 */
public final class ControlChannel {
    public static final int VERSION = 3;
    public static final int DEFAULT_PORT = 6162;
    /** The common name in the engine's client certificate. */
    public static final String ENGINE_CLIENT_NAME = "Bulwark engine";
    public static final String HEALTH = "health";
    /** Create (or open, when it exists) a repository folder on the agent's host. */
    public static final String INIT_REPOSITORY = "repository-init";
    /** Replace the network traffic rules the agent applies to its data connections. */
    public static final String TRAFFIC_RULES = "traffic-rules";
    public static final String BACKUP_DISK = "backup-disk";
    public static final String RESTORE_DISK = "restore-disk";
    public static final String TASK_STATUS = "task-status";
    /** Stops a task cleanly: a backup commits no restore point, a restore leaves the target as it was. */
    public static final String TASK_CANCEL = "task-cancel";
    /** Forget restore points the engine names, and prune: retention. */
    public static final String REPOSITORY_FORGET = "repository-forget";
    /** Read a repository back: the health check. */
    public static final String REPOSITORY_VERIFY = "repository-verify";
    /** Seal a repository with a new password: the admin changed it, or turned encryption on or off. */
    public static final String REPOSITORY_PASSWORD = "repository-password";
    /** Longest request line an agent reads; anything longer is refused. */
    public static final int MAX_LINE = 64 * 1024;

    private ControlChannel() {
    }
}
