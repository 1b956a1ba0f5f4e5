package io.bulwark.console.jobs;

import io.bulwark.console.connection.EngineClient;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.protocol.sessions.SessionView;
import java.util.List;
import java.util.UUID;

/**
 * What the job wizard and the job actions ask of the engine. Every call blocks: make it from a
 * background task. An interface so that their view-models are tested against a scripted engine.
 */
public interface JobApi {
    List<JobView> jobs();

    JobView create(JobRequest request);

    JobView update(UUID id, JobRequest request);

    /**
     * Deletes the job; with {@code deleteBackups}, its restore points in the repository first (a job
     * that runs keeps both: the engine refuses with 409).
     */
    void delete(UUID id, boolean deleteBackups);

    /** Start, Stop, Retry, Active Full or Health Check: answers the session it started or stopped. */
    SessionView act(UUID jobId, JobAction action);

    /** Every session, for each job's latest. */
    List<SessionView> sessions();

    List<InventoryHost> inventory();

    List<RepositoryView> repositories();

    List<ProxyView> proxies();

    /** The managed servers: where the repositories' free space is known. */
    List<ServerView> servers();

    static JobApi of(EngineClient client) {
        return new JobApi() {
            @Override
            public List<JobView> jobs() {
                return client.list(ApiPaths.JOBS, JobView.class);
            }

            @Override
            public JobView create(JobRequest request) {
                return client.post(ApiPaths.JOBS, request, JobView.class);
            }

            @Override
            public JobView update(UUID id, JobRequest request) {
                return client.put(ApiPaths.JOBS + "/" + id, request, JobView.class);
            }

            @Override
            public void delete(UUID id, boolean deleteBackups) {
                // The backups first: once the job is gone, nothing names them to remove them by.
                if (deleteBackups) {
                    client.delete(ApiPaths.jobBackups(id));
                }
                client.delete(ApiPaths.JOBS + "/" + id);
            }

            @Override
            public SessionView act(UUID jobId, JobAction action) {
                return client.post(ApiPaths.jobAction(jobId, action), null, SessionView.class);
            }

            @Override
            public List<SessionView> sessions() {
                return client.list(ApiPaths.SESSIONS, SessionView.class);
            }

            @Override
            public List<InventoryHost> inventory() {
                return client.list(ApiPaths.INVENTORY, InventoryHost.class);
            }

            @Override
            public List<RepositoryView> repositories() {
                return client.list(ApiPaths.REPOSITORIES, RepositoryView.class);
            }

            @Override
            public List<ProxyView> proxies() {
                return client.list(ApiPaths.PROXIES, ProxyView.class);
            }

            @Override
            public List<ServerView> servers() {
                return client.list(ApiPaths.SERVERS, ServerView.class);
            }
        };
    }
}
