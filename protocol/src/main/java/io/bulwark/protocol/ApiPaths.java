package io.bulwark.protocol;

/**
 * The REST API's paths, shared by the engine that serves them and the console that calls them.
 * Collections are plural nouns; one entity is {@code COLLECTION/{id}}.
 */
public final class ApiPaths {
    public static final String BASE = "/api/v1";
    public static final int DEFAULT_PORT = 9392;

    public static final String LOGIN = BASE + "/auth/login";
    public static final String LOGOUT = BASE + "/auth/logout";
    public static final String ME = BASE + "/auth/me";
    public static final String ENGINE = BASE + "/engine";
    /** The engine's release and API versions (GET, no login): see {@code EngineVersion}. Never changes shape. */
    public static final String VERSION = BASE + "/version";
    public static final String EVENTS = BASE + "/events";
    public static final String AUDIT = BASE + "/audit";
    public static final String OPENAPI = BASE + "/openapi.json";

    public static final String USERS = BASE + "/users";
    public static final String CREDENTIALS = BASE + "/credentials";
    public static final String SERVERS = BASE + "/servers";
    /** Which SSH host key a host presents (POST, nothing else is done). */
    public static final String SERVER_HOST_KEY = SERVERS + "/host-key";
    public static final String PROXIES = BASE + "/proxies";
    public static final String REPOSITORIES = BASE + "/repositories";
    public static final String TRAFFIC_RULES = BASE + "/traffic-rules";
    /** The global traffic settings (GET, PUT a {@code TrafficSettings}). */
    public static final String TRAFFIC_SETTINGS = BASE + "/traffic-settings";
    /** Managed servers that are KVM/QEMU virtualization hosts, with their datastores. */
    public static final String VIRTUALIZATION_HOSTS = BASE + "/virtualization-hosts";
    /** The inventory tree (GET): hosts, datastores, VMs, disks, as the last scans found them. */
    public static final String INVENTORY = BASE + "/inventory";
    public static final String JOBS = BASE + "/jobs";
    public static final String SESSIONS = BASE + "/sessions";
    /** Every VM restore point (GET), newest first; {@code ?jobId=} narrows it to one job. */
    public static final String RESTORE_POINTS = BASE + "/restore-points";
    /** Starts a restore (POST a {@code RestoreRequest}), answered with its session. */
    public static final String RESTORES = BASE + "/restores";
    /** Exports the configuration (POST a {@code ConfigurationExportRequest}), answered with the sealed file. */
    public static final String CONFIGURATION_EXPORT = BASE + "/configuration/export";
    /** The configuration backups made so far (GET): exports, and those the engine made by itself. */
    public static final String CONFIGURATION_BACKUPS = BASE + "/configuration/backups";

    private ApiPaths() {
    }

    /** The traffic rules that apply to a managed server's address (GET), read-only, as Add Proxy shows them. */
    public static String serverTrafficRules(java.util.UUID serverId) {
        return SERVERS + "/" + serverId + "/traffic-rules";
    }

    /** Scans a virtualization host again (POST), answered with its {@code InventoryHost} when done. */
    public static String virtualizationHostRescan(java.util.UUID hostId) {
        return VIRTUALIZATION_HOSTS + "/" + hostId + "/rescan";
    }

    /** A job's backups (DELETE: every restore point the job made is removed from its repository). */
    public static String jobBackups(java.util.UUID jobId) {
        return JOBS + "/" + jobId + "/backups";
    }

    /** A job's action (POST, no body): see {@link io.bulwark.protocol.jobs.JobAction}. Answers the session. */
    public static String jobAction(java.util.UUID jobId, io.bulwark.protocol.jobs.JobAction action) {
        return JOBS + "/" + jobId + "/" + action.path();
    }

    /** A session with its VMs, tasks, load and throughput chart (GET a {@code SessionDetails}). */
    public static String sessionDetails(java.util.UUID sessionId) {
        return SESSIONS + "/" + sessionId + "/details";
    }

    /** A collection's name in change events and the audit log: the last part of its path ({@code proxies}). */
    public static String collection(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
