package io.bulwark.console.jobs;

import io.bulwark.console.inventory.FakeInventoryApi;
import io.bulwark.protocol.inventory.InventoryDatastore;
import io.bulwark.protocol.inventory.InventoryHost;
import io.bulwark.protocol.inventory.InventoryVm;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.EncryptionView;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An engine's jobs, inventory and storage in memory, for the job wizard's and actions' tests. */
final class FakeJobApi implements JobApi {
    final Map<UUID, JobView> jobs = new LinkedHashMap<>();
    final List<InventoryHost> inventory = new ArrayList<>();
    final List<RepositoryView> repositories = new ArrayList<>();
    final List<ProxyView> proxies = new ArrayList<>();
    final List<ServerView> servers = new ArrayList<>();
    final List<JobRequest> created = new ArrayList<>();
    final List<SessionView> sessions = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    /** What the engine answers to the next save or action instead of doing it, or null. */
    RuntimeException refuse;

    final UUID hostId = UUID.randomUUID();
    final UUID serverId = UUID.randomUUID();

    FakeJobApi() {
        repositories.add(repository("Default Backup Repository", true));
        servers.add(new ServerView(serverId, "This server", "localhost", null, 22, null, null, null, false,
                new HostFacts("Debian", "13", "6.12", "x86_64", 2, 8L << 30, 50L << 30, true, true, List.of(),
                        Instant.EPOCH), null, true, Instant.EPOCH, Instant.EPOCH));
    }

    RepositoryView repository(String name, boolean builtIn) {
        return new RepositoryView(UUID.randomUUID(), name, null, serverId, "This server", "/srv/" + name.length(), 4,
                null, builtIn, null, Instant.EPOCH, Instant.EPOCH);
    }

    ProxyView proxy(String name) {
        ProxyView proxy = new ProxyView(UUID.randomUUID(), name, null, serverId, name, TransportMode.AUTOMATIC, true,
                false, DatastoreSelection.AUTOMATIC, 2, false, null, Instant.EPOCH, Instant.EPOCH);
        proxies.add(proxy);
        return proxy;
    }

    /** VMs on one host in one datastore. */
    void vms(InventoryVm... vms) {
        inventory.add(new InventoryHost(hostId, serverId, "kvm01", Instant.EPOCH,
                List.of(new InventoryDatastore("/vms", true, null, 1L << 40, List.of(vms)))));
    }

    InventoryVm vm(String name, long... diskMib) {
        return FakeInventoryApi.vm(hostId, name, "/vms/" + name, diskMib);
    }

    JobView job(String name, boolean enabled) {
        JobView job = new JobView(UUID.randomUUID(), name, null, JobType.VM_BACKUP, repositories.getFirst().id(),
                repositories.getFirst().name(), List.of(), null, null, null, null, enabled, Instant.EPOCH,
                Instant.EPOCH);
        jobs.put(job.id(), job);
        return job;
    }

    /** A job that seals its backups with a password of its own, which the engine holds (and never shows). */
    JobView encrypted(JobView job, String hint) {
        JobView sealed = new JobView(job.id(), job.name(), job.description(), job.type(), job.repositoryId(),
                job.repositoryName(), job.objects(), job.schedule(), job.retention(), job.storage(),
                new EncryptionView(true, true, hint), job.enabled(), job.createdAt(), job.updatedAt());
        jobs.put(sealed.id(), sealed);
        return sealed;
    }

    @Override
    public List<JobView> jobs() {
        return List.copyOf(jobs.values());
    }

    @Override
    public JobView create(JobRequest request) {
        calls.add("create " + request.name());
        refuseIfAsked();
        created.add(request);
        return save(UUID.randomUUID(), request);
    }

    @Override
    public JobView update(UUID id, JobRequest request) {
        calls.add("update " + request.name() + " enabled=" + request.enabled());
        refuseIfAsked();
        created.add(request);
        return save(id, request);
    }

    private JobView save(UUID id, JobRequest request) {
        JobView job = new JobView(id, request.name(), request.description(), request.type(), request.repositoryId(),
                "repo", request.objects(), request.schedule(), request.retention(), request.storage(),
                encryption(jobs.get(id), request.encryption()), request.enabled() == null || request.enabled(),
                Instant.EPOCH, Instant.EPOCH);
        jobs.put(id, job);
        return job;
    }

    /** As the engine keeps it: never the password; an empty one keeps what was set. */
    private static EncryptionView encryption(JobView before, EncryptionRequest request) {
        boolean wasSet = before != null && before.encryption() != null && before.encryption().passwordSet();
        if (request == null || !request.enabled()) {
            return new EncryptionView(false, wasSet, null);
        }
        boolean set = wasSet || (request.password() != null && !request.password().isEmpty());
        return new EncryptionView(true, set, request.passwordHint());
    }

    @Override
    public void delete(UUID id, boolean deleteBackups) {
        calls.add("delete " + jobs.get(id).name() + (deleteBackups ? " with backups" : ""));
        refuseIfAsked();
        jobs.remove(id);
    }

    @Override
    public SessionView act(UUID jobId, JobAction action) {
        calls.add(action + " " + jobs.get(jobId).name());
        refuseIfAsked();
        return new SessionView(UUID.randomUUID(), jobId, jobs.get(jobId).name(), JobType.VM_BACKUP,
                action == JobAction.STOP ? SessionState.STOPPED : SessionState.RUNNING, Instant.EPOCH, null, 0, 0, 0,
                null);
    }

    private void refuseIfAsked() {
        if (refuse != null) {
            RuntimeException refusal = refuse;
            refuse = null;
            throw refusal;
        }
    }

    @Override
    public List<SessionView> sessions() {
        return List.copyOf(sessions);
    }

    @Override
    public List<InventoryHost> inventory() {
        return List.copyOf(inventory);
    }

    @Override
    public List<RepositoryView> repositories() {
        return List.copyOf(repositories);
    }

    @Override
    public List<ProxyView> proxies() {
        return List.copyOf(proxies);
    }

    @Override
    public List<ServerView> servers() {
        return List.copyOf(servers);
    }
}
