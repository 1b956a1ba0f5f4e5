package io.bulwark.engine.runs;

import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.runs.BackupFolders.BackupFolder;
import io.bulwark.engine.runs.RunPlanner.PlannedDisk;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.control.DiskBackupOrder;
import io.bulwark.protocol.control.DiskSourceSpec;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.servers.ServerView;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One disk task on its proxy's agent: the source (the image's path, or an export on its host in
 * network mode), the order, following the task until it ends, and "failover to network mode".
 * Which task runs where, and what its end means for the session, is {@link JobRunner}'s.
 */
final class DiskBackups {
    private static final Logger LOG = LoggerFactory.getLogger(DiskBackups.class);
    private static final String SESSIONS = ApiPaths.collection(ApiPaths.SESSIONS);

    private final ServerService servers;
    private final NetworkExports exports;
    private final ChangeEvents events;
    /** The agent each placed task runs on, for Stop to cancel it there. */
    private final Map<String, AgentTask> runningOn = new ConcurrentHashMap<>();

    /** A disk task as its agent knows it: a failover to network mode is a task of its own there. */
    private record AgentTask(TaskAgent agent, String id) {
    }

    DiskBackups(ServerService servers, NetworkExports exports, ChangeEvents events) {
        this.servers = servers;
        this.exports = exports;
        this.events = events;
    }

    /** How a disk task ended, and the dirty bitmap its restore point leaves on the image (null for none). */
    record Outcome(TaskStatus status, String bitmap) {
    }

    /**
     * Backs the disk up in {@code mode} and, when that fails and the proxy may, once more in network
     * mode. Answers the last status: finished, or still running when {@code moved} (the task was
     * taken off a lost proxy) said to stop following it.
     */
    Outcome run(PlannedDisk disk, TransportMode mode, ProxyView proxy, TaskAgent agent, BooleanSupplier moved)
            throws InterruptedException {
        String taskId = disk.task().id();
        // A bitmap of its own per proxy: a task moved off a lost proxy may start elsewhere while the lost
        // placement still cleans up, and each removes only the bitmap it added.
        String bitmap = disk.addBitmap() == null ? null
                : disk.addBitmap() + "-" + proxy.id().toString().substring(0, 8);
        TaskStatus status = backUp(disk, mode, proxy, agent, taskId, bitmap, moved);
        if (failsOver(status, mode, proxy, disk.session())) {
            disk.session().log(disk.vmReference(), "Disk " + disk.disk().name() + ": " + mode.title() + " mode failed ("
                    + status.error() + "); failing over to network mode.");
            disk.session().modeChanged(disk.vmReference(), disk.disk().name(), TransportMode.NETWORK);
            status = backUp(disk, TransportMode.NETWORK, proxy, agent, taskId + "/network", bitmap, moved);
        }
        return new Outcome(status, bitmap);
    }

    /** Cancels a placed task on its agent; one that has not reached its agent yet is cancelled as it does. */
    void cancel(String taskId) {
        AgentTask running = runningOn.get(taskId);
        if (running == null) {
            return;
        }
        try {
            running.agent().cancel(running.id());
        } catch (RuntimeException e) {
            LOG.warn("Could not cancel task {} on its agent: {}", taskId, e.getMessage());
        }
    }

    /** The task is over here: nothing to cancel any more. */
    void forget(String taskId) {
        runningOn.remove(taskId);
    }

    /**
     * Has the proxy's agent back up the disk in {@code mode} and follows it until it ends (or the
     * task is moved off a lost proxy). Network mode exports the disk on its host for the task.
     */
    private TaskStatus backUp(PlannedDisk disk, TransportMode mode, ProxyView proxy, TaskAgent agent,
                              String agentTaskId, String bitmap, BooleanSupplier moved) throws InterruptedException {
        LiveSession session = disk.session();
        String vm = disk.vmReference();
        NetworkExports.Export export = null;
        TaskStatus status = null;
        try {
            DiskSourceSpec source;
            if (mode == TransportMode.NETWORK) {
                export = export(disk, proxy, bitmap);
                session.log(vm, "Disk " + disk.disk().name() + ": " + export.host().name() + " exports it read-only "
                        + "on port " + export.port() + (export.tls() ? " over TLS, with a certificate from the "
                        + "engine's CA" : "") + ".");
                source = export.source();
            } else {
                source = DiskSourceSpec.file(disk.disk().path(), disk.disk().format(), disk.readBitmap(), bitmap);
            }
            runningOn.put(disk.task().id(), new AgentTask(agent, agentTaskId));
            status = agent.backup(order(disk, source, proxy, agentTaskId));
            if (session.stopping()) {
                status = agent.cancel(agentTaskId); // Stop came while the order was on its way
            }
            status = agent.follow(status, moved, progress -> {
                session.taskProgress(vm, disk.disk().name(), progress);
                events.publish(SESSIONS, ChangeAction.UPDATED, session.id(), ChangeEvents.ENGINE);
            });
            return status;
        } finally {
            if (export != null) {
                exports.close(export, status != null && status.state() == TaskState.SUCCEEDED);
            }
        }
    }

    private NetworkExports.Export export(PlannedDisk disk, ProxyView proxy, String bitmap) {
        ServerView host = servers.get(disk.vm().serverId());
        try {
            return exports.open(host, disk.disk().path(), disk.disk().format(), disk.readBitmap(), bitmap,
                    disk.disk().bitmaps(), proxy.hostToProxyEncryption());
        } catch (HostAccessException e) {
            // Not the proxy's failure: the VM's host could not export the disk.
            throw new IllegalStateException("Network mode: " + e.getMessage(), e);
        }
    }

    /** "Failover to network mode": a primary mode that failed (not one stopped) is tried once in network mode. */
    private static boolean failsOver(TaskStatus status, TransportMode mode, ProxyView proxy, LiveSession session) {
        return status.state() == TaskState.FAILED && mode != TransportMode.NETWORK && proxy.failoverToNetwork()
                && !session.stopping();
    }

    private DiskBackupOrder order(PlannedDisk disk, DiskSourceSpec source, ProxyView proxy, String agentTaskId) {
        BackupFolder folder = disk.folder();
        RepositoryTarget target;
        if (folder.repository().serverId().equals(proxy.serverId())) {
            target = new RepositoryTarget(folder.path(), null, 0, folder.password());
        } else {
            ServerView repositoryServer = servers.get(folder.repository().serverId());
            target = new RepositoryTarget(folder.path(), repositoryServer.address(),
                    repositoryServer.ports().dataPortFirst(), folder.password());
        }
        return new DiskBackupOrder(agentTaskId, source, target, disk.storedName(),
                disk.job().storage().blockSize(), disk.job().storage().compression().name().toLowerCase(Locale.ROOT));
    }
}
