package io.bulwark.engine.runs;

import io.bulwark.engine.entities.ConflictException;
import io.bulwark.protocol.inventory.DiskFormat;
import io.bulwark.engine.ssh.ShellQuoting;
import io.bulwark.engine.deploy.ServerAccess;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.inventory.InventoryService;
import io.bulwark.engine.inventory.VirtualizationHostService;
import io.bulwark.engine.runs.BackupFolders.BackupFolder;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.sessions.SessionStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.RestoreDestination;
import io.bulwark.protocol.backups.RestorePointDisk;
import io.bulwark.protocol.backups.RestorePointView;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.control.DiskRestoreOrder;
import io.bulwark.protocol.control.RepositoryTarget;
import io.bulwark.protocol.control.TaskState;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import io.bulwark.protocol.inventory.VmPower;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.protocol.sessions.SessionView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a VM, or some of its disks, from a restore point: a session of type RESTORE whose tasks
 * the repository's own agent carries out one disk after the other ({@code restore-disk}), each
 * written beside its target and renamed into place, so a failed restore leaves the old image whole.
 *
 * <p>The agent reads the repository from its own disk: for a destination on another host it
 * restores beside the repository (compact, as qcow2), and the engine carries the image over.
 */
public class RestoreRunner {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreRunner.class);
    private static final String SESSIONS = ApiPaths.collection(ApiPaths.SESSIONS);
    /** A new VM's folder name: one path segment, nothing a shell or a path would read twice. */
    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final RestorePointStore points;
    private final VirtualizationHostService hosts;
    private final InventoryService inventory;
    private final BackupFolders folders;
    private final ServerService servers;
    private final TaskAgents agents;
    private final SessionStore sessions;
    private final SessionDetailsStore details;
    private final ChangeEvents events;
    private final Clock clock;
    private final ServerAccess access;
    private final Path workFolder;

    /** @param workFolder where the engine keeps what it carries between hosts while it does */
    public RestoreRunner(RestorePointStore points, VirtualizationHostService hosts, InventoryService inventory,
                         BackupFolders folders, ServerService servers, TaskAgents agents,
                         SessionStore sessions, SessionDetailsStore details, ChangeEvents events, Clock clock,
                         ServerAccess access, Path workFolder) {
        this.access = access;
        this.workFolder = workFolder;
        this.points = points;
        this.hosts = hosts;
        this.inventory = inventory;
        this.folders = folders;
        this.servers = servers;
        this.agents = agents;
        this.sessions = sessions;
        this.details = details;
        this.events = events;
        this.clock = clock;
    }

    /** Where each chosen disk goes, on which host. */
    private record Plan(RestorePointView point, UUID hostId, UUID serverId, List<RestorePointDisk> disks,
                        List<String> targets, boolean overwrite, boolean newFolder) {
    }

    /** Checks the request, starts the restore in the background, and answers its session. */
    public SessionView start(RestoreRequest request) {
        Plan plan = plan(request);
        BackupFolder folder = folders.of(plan.point());
        RestorePointView point = plan.point();
        LiveSession session = new LiveSession(UUID.randomUUID(), null, "Restore of " + point.vmName(),
                JobType.RESTORE, clock);
        for (RestorePointDisk disk : plan.disks()) {
            session.vmPlanned(point.vmReference(), point.vmName(), disk.name(), disk.capacityBytes());
        }
        sessions.insert(session.view());
        details.save(session.details());
        events.publish(SESSIONS, ChangeAction.CREATED, session.id(), ChangeEvents.ENGINE);
        LOG.info("Restoring {} disk(s) of '{}' from the restore point of {} to {}", plan.disks().size(),
                point.vmName(), point.createdAt(), plan.targets());
        Thread.ofVirtual().name("restore " + session.id()).start(() -> run(session, plan, folder));
        return session.view();
    }

    private Plan plan(RestoreRequest request) {
        FieldErrors errors = new FieldErrors();
        if (errors.required("restorePointId", request.restorePointId()) == null) {
            errors.throwIfAny();
        }
        RestorePointView point = points.find(request.restorePointId())
                .orElseThrow(() -> new NotFoundException("restore point", request.restorePointId()));
        List<String> chosen = request.disks() == null ? List.of() : request.disks();
        List<RestorePointDisk> disks = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            String name = chosen.get(i);
            String field = "disks[" + i + "]";
            point.disks().stream().filter(d -> d.name().equals(name)).findFirst().ifPresentOrElse(disks::add,
                    () -> errors.add(field, "'" + name + "' is not a disk of this restore point; it has "
                            + point.disks().stream().map(RestorePointDisk::name).toList()));
        }
        if (chosen.isEmpty()) {
            disks.addAll(point.disks());
        }
        RestoreDestination to = errors.required("destination", request.destination());
        if (to == null) {
            errors.throwIfAny();
        }
        List<String> targets = new ArrayList<>();
        UUID hostId;
        if (to.original()) {
            hostId = VmReference.parse(point.vmReference()).hostId();
            if (!to.overwrite()) {
                errors.add("destination.overwrite", "restoring to the original location replaces the VM's disks: "
                        + "confirm it with overwrite, or restore to a new location");
            }
            disks.forEach(d -> targets.add(d.path()));
        } else {
            hostId = errors.required("destination.hostId", to.hostId());
            String datastore = errors.required("destination.datastore", to.datastore());
            String vmName = errors.required("destination.vmName", to.vmName());
            if (vmName != null && !VM_NAME.matcher(vmName).matches()) {
                errors.add("destination.vmName", "must be letters, digits, dots, dashes or underscores (up to 128), "
                        + "starting with a letter or digit: it becomes the VM's folder");
            }
            if (hostId != null && datastore != null) {
                VirtualizationHostView host = hosts.get(hostId);
                if (!host.datastores().contains(datastore)) {
                    errors.add("destination.datastore", "is not a datastore of " + host.name() + ": pick one of "
                            + host.datastores());
                }
            }
            if (vmName != null && datastore != null) {
                disks.forEach(d -> targets.add(datastore + "/" + vmName + "/" + fileName(d.path())));
            }
        }
        errors.throwIfAny();
        if (to.original() && inventory.findVm(point.vmReference())
                .filter(found -> found.vm().power() == VmPower.RUNNING).isPresent()) {
            throw new ConflictException("The VM '" + point.vmName() + "' is running: restoring over its disks now "
                    + "would corrupt them. Shut it down first, or restore to a new location.", Map.of());
        }
        UUID serverId = hosts.get(hostId).serverId();
        return new Plan(point, hostId, serverId, List.copyOf(disks), List.copyOf(targets), to.overwrite(),
                !to.original());
    }

    /** Where the repository's host restores what the engine then carries to another host. */
    private String stagingFolder(ServerView repositoryServer, LiveSession session) {
        String name = "bulwark-restore-" + session.id().toString().substring(0, 8);
        if (!repositoryServer.builtIn()) {
            return "/var/tmp/" + name;
        }
        try {
            Files.createDirectories(workFolder);
        } catch (IOException e) {
            throw new UncheckedIOException("The engine cannot make " + workFolder + ": " + e.getMessage(), e);
        }
        return workFolder.resolve(name).toString();
    }

    /**
     * Carries a restored qcow2 image from the repository's host to the destination host (through
     * the engine: SFTP, or its own files), then puts it in place there as root: converted to raw
     * when the disk was raw, written beside the target and renamed, given the VM folder's owner.
     */
    private void carry(ServerView from, String staged, ServerView to, String target, DiskFormat format, Plan plan)
            throws IOException {
        Files.createDirectories(workFolder);
        Path local = from.builtIn() ? Path.of(staged) : Files.createTempFile(workFolder, "carry-", ".qcow2");
        String folder = (to.builtIn() ? workFolder + "/" : "/tmp/") + "bulwark-deliver-" + UUID.randomUUID();
        try (HostSide source = HostSide.of(from, access); HostSide destination = HostSide.of(to, access)) {
            if (!from.builtIn()) {
                // The agent (root) restored it owner-only; SFTP reads as the engine's login.
                source.handOver(staged.substring(0, staged.lastIndexOf('/')));
                source.download(staged, local, bytes -> { });
            }
            destination.makePrivateFolder(folder);
            try {
                destination.upload(local, folder + "/disk.qcow2", bytes -> { });
                destination.run(putInPlace(folder + "/disk.qcow2", target, format, plan.overwrite(), plan.newFolder()),
                        "put the restored disk in place");
            } finally {
                removeQuietly(destination, folder);
            }
        } finally {
            if (!from.builtIn()) {
                Files.deleteIfExists(local);
            }
        }
    }

    private static String putInPlace(String delivered, String target, DiskFormat format, boolean overwrite,
                                     boolean newFolder) {
        String t = ShellQuoting.quote(target);
        String s = ShellQuoting.quote(delivered);
        return "set -e; t=" + t + "; d=$(dirname \"$t\"); "
                + "if [ -e \"$t\" ] && [ " + (overwrite ? 1 : 0) + " != 1 ]; then echo \"$t exists already and the "
                + "restore may not overwrite it: restore to another name, or allow overwriting.\" >&2; exit 3; fi; "
                + "if [ ! -d \"$d\" ]; then if [ " + (newFolder ? 1 : 0) + " = 1 ] && [ -d \"$(dirname \"$d\")\" ]; "
                + "then mkdir \"$d\"; else echo \"The folder $d does not exist on this host: create it, or restore "
                + "to another path.\" >&2; exit 3; fi; fi; "
                + "part=\"$d/.$(basename \"$t\").bulwark-part\"; "
                + (format == DiskFormat.RAW ? "qemu-img convert -f qcow2 -O raw " + s + " \"$part\"; "
                        : "mv -f " + s + " \"$part\"; ")
                + "mv -f \"$part\" \"$t\"; chown --reference=\"$d\" \"$t\" 2>/dev/null || true";
    }

    private void removeQuietly(ServerView host, String folder) {
        try (HostSide side = HostSide.of(host, access)) {
            removeQuietly(side, folder);
        }
    }

    private static void removeQuietly(HostSide side, String folder) {
        try {
            side.run("rm -rf " + ShellQuoting.quote(folder), "remove " + folder);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove {}: {}", folder, e.getMessage());
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private void run(LiveSession session, Plan plan, BackupFolder folder) {
        ServerView server = servers.get(folder.repository().serverId());
        ServerView destination = servers.get(plan.serverId());
        // The agent reads the repository from its own disk: for another host, it restores beside the
        // repository and the engine carries the image over.
        boolean carried = !server.id().equals(destination.id());
        TaskAgent agent = agents.on(server);
        RepositoryTarget repository = new RepositoryTarget(folder.path(), null, 0, folder.password());
        String vm = plan.point().vmReference();
        String staging = carried ? stagingFolder(server, session) : null;
        for (int i = 0; i < plan.disks().size(); i++) {
            RestorePointDisk disk = plan.disks().get(i);
            String target = plan.targets().get(i);
            String taskId = "restore/" + session.id() + "/" + disk.name();
            session.taskStarted(vm, disk.name(), server.name(), null);
            session.log(vm, "Disk " + disk.name() + ": restoring to " + target
                    + (carried ? " on " + destination.name() + ", through " + server.name() : "") + ".");
            TaskStatus status = null;
            String failure;
            try {
                DiskRestoreOrder order = carried
                        ? new DiskRestoreOrder(taskId, repository,
                                disk.storedPointId(), disk.storedName(), staging + "/disk-" + i + ".qcow2",
                                DiskFormat.QCOW2, false, true)
                        : new DiskRestoreOrder(taskId, repository,
                                disk.storedPointId(), disk.storedName(), target, disk.format(), plan.overwrite(),
                                plan.newFolder());
                status = agent.follow(agent.restore(order), () -> false, progress -> {
                    session.taskProgress(vm, disk.name(), progress);
                    details.save(session.details());
                    events.publish(SESSIONS, ChangeAction.UPDATED, session.id(), ChangeEvents.ENGINE);
                });
                failure = status.state() == TaskState.SUCCEEDED ? null
                        : status.error() != null ? status.error()
                        : "The restore was " + status.state().name().toLowerCase(Locale.ROOT) + ".";
                if (failure == null && carried) {
                    carry(server, order.targetPath(), destination, target, disk.format(), plan);
                    session.log(vm, "Disk " + disk.name() + ": carried to " + destination.name() + " and put in place.");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "The engine stopped during the restore.";
            } catch (IOException e) {
                LOG.warn("Restore task {} failed: {}", taskId, e.toString());
                failure = "The engine could not carry the restored disk to " + destination.name() + ": " + e;
            } catch (RuntimeException e) {
                LOG.warn("Restore task {} failed: {}", taskId, e.getMessage());
                failure = e.getMessage();
            }
            session.taskEnded(vm, disk.name(), status, failure);
            sessions.update(session.view());
            details.save(session.details());
        }
        if (carried) {
            removeQuietly(server, staging);
        }
        session.finish();
        sessions.update(session.view());
        details.save(session.details());
        events.publish(SESSIONS, ChangeAction.UPDATED, session.id(), ChangeEvents.ENGINE);
        LOG.info("Restore session {} ended {}", session.id(), session.view().state());
        try {
            inventory.rescan(plan.hostId()); // a restored VM shows in the inventory at once
        } catch (RuntimeException e) {
            LOG.warn("Could not rescan the host after the restore: {}", e.getMessage());
        }
    }
}
