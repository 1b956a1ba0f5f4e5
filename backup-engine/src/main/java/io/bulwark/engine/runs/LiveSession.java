package io.bulwark.engine.runs;

import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.control.TaskStatus;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.sessions.RateSample;
import io.bulwark.protocol.sessions.SessionDetails;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionTaskView;
import io.bulwark.protocol.sessions.SessionView;
import io.bulwark.protocol.sessions.SessionVmView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One running session as the statistics window sees it, kept in memory while the job runs and
 * written to the database as it goes. Every method is synchronized: task threads report into it.
 */
final class LiveSession {
    private static final int MAX_LOG_LINES = 200;
    private static final int MAX_SAMPLES = 720;
    private static final Duration FIRST_SAMPLE_EVERY = Duration.ofSeconds(1);

    private final UUID id;
    private final UUID jobId;
    private final String jobName;
    private final JobType jobType;
    private final Clock clock;
    private final Instant startedAt;
    private final Map<String, Vm> vms = new LinkedHashMap<>();
    private final List<RateSample> samples = new ArrayList<>();
    /** Every second at first, so a short session draws a chart too; coarser as a long one fills the chart. */
    private Duration sampleEvery = FIRST_SAMPLE_EVERY;
    private Instant lastSample;
    private long lastRead;
    private long lastTransferred;
    private SessionState state = SessionState.RUNNING;
    private Instant endedAt;
    private String message;
    private String stopReason;

    private static final class Vm {
        final UUID id = UUID.randomUUID();
        final String reference;
        final String name;
        final Map<String, Task> tasks = new LinkedHashMap<>();
        final List<String> log = new ArrayList<>();
        SessionState state = SessionState.RUNNING;
        String message;
        Instant startedAt;
        Instant endedAt;

        Vm(String reference, String name) {
            this.reference = reference;
            this.name = name;
        }
    }

    private static final class Task {
        final UUID id = UUID.randomUUID();
        final String disk;
        final long total;
        String proxyName;
        TransportMode mode;
        SessionState state = SessionState.RUNNING;
        TaskStatus status;
        Instant startedAt;
        Instant endedAt;
        String message;

        Task(String disk, long total) {
            this.disk = disk;
            this.total = total;
        }

        long done() {
            return state.finished() && state != SessionState.FAILED ? total : status == null ? 0 : status.doneBytes();
        }
    }

    /** A session of a job; a restore has no job ({@code jobId} null) and names itself. */
    LiveSession(UUID id, UUID jobId, String jobName, JobType jobType, Clock clock) {
        this.id = id;
        this.jobId = jobId;
        this.jobName = jobName;
        this.jobType = jobType;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.lastSample = startedAt;
    }

    UUID id() {
        return id;
    }

    synchronized void vmPlanned(String reference, String name, String disk, long bytes) {
        vms.computeIfAbsent(reference, r -> new Vm(r, name)).tasks.put(disk, new Task(disk, bytes));
    }

    synchronized void vmSkipped(String reference, String name, SessionState state, String why) {
        Vm vm = vms.computeIfAbsent(reference, r -> new Vm(r, name));
        vm.state = state;
        vm.message = why;
        vm.endedAt = clock.instant();
        log(vm, (state == SessionState.FAILED ? "Error: " : "Warning: ") + why);
    }

    /** A VM with nothing to run: only an outcome, in its log too. */
    synchronized void vmOutcome(String reference, String name, SessionState state, String message, List<String> lines) {
        Vm vm = vms.computeIfAbsent(reference, r -> new Vm(r, name));
        vm.state = state;
        vm.message = state == SessionState.SUCCESS ? null : message;
        vm.startedAt = vm.startedAt == null ? startedAt : vm.startedAt;
        vm.endedAt = clock.instant();
        lines.forEach(line -> log(vm, line));
        log(vm, message);
    }

    /** A line in the VM's log, for what the VM's tasks do not say themselves. */
    synchronized void log(String reference, String line) {
        Vm vm = vms.get(reference);
        if (vm != null) {
            log(vm, line);
        }
    }

    synchronized boolean stopping() {
        return stopReason != null;
    }

    UUID jobId() {
        return jobId;
    }

    synchronized void taskStarted(String reference, String disk, String proxyName, TransportMode mode) {
        Vm vm = vms.get(reference);
        Task task = vm.tasks.get(disk);
        task.proxyName = proxyName;
        task.mode = mode;
        task.startedAt = clock.instant();
        if (vm.startedAt == null) {
            vm.startedAt = task.startedAt;
        }
        log(vm, mode == null ? "Disk " + disk + ": " + proxyName + " is on it."
                : "Disk " + disk + ": read by " + proxyName + " in " + mode.title() + " mode.");
    }

    /** The task goes on in another transport mode (a failover to network mode). */
    synchronized void modeChanged(String reference, String disk, TransportMode mode) {
        vms.get(reference).tasks.get(disk).mode = mode;
    }

    synchronized void taskProgress(String reference, String disk, TaskStatus status) {
        vms.get(reference).tasks.get(disk).status = status;
        sample();
    }

    /**
     * An operator (or the backup window) stopped the session: tasks that end unfinished from now on
     * are STOPPED, not FAILED, and the session ends STOPPED with the reason.
     */
    synchronized void stop(String reason) {
        stopReason = reason;
    }

    /** Answers whether the VM is done, all its disks ended. */
    synchronized boolean taskEnded(String reference, String disk, TaskStatus status, String failure) {
        Vm vm = vms.get(reference);
        Task task = vm.tasks.get(disk);
        task.status = status == null ? task.status : status;
        task.endedAt = clock.instant();
        boolean stopped = failure != null && stopReason != null;
        task.state = failure == null ? SessionState.SUCCESS : stopped ? SessionState.STOPPED : SessionState.FAILED;
        task.message = stopped ? "Stopped: " + stopReason : failure;
        if (status != null) {
            status.log().forEach(line -> log(vm, "Disk " + disk + ": " + line));
        }
        log(vm, failure == null ? "Disk " + disk + ": done."
                : stopped ? "Disk " + disk + ": stopped." : "Error: disk " + disk + ": " + failure);
        boolean done = vm.tasks.values().stream().allMatch(t -> t.state.finished());
        if (done) {
            vm.endedAt = task.endedAt;
            List<Task> failed = vm.tasks.values().stream().filter(t -> t.state == SessionState.FAILED).toList();
            boolean anyStopped = vm.tasks.values().stream().anyMatch(t -> t.state == SessionState.STOPPED);
            vm.state = !failed.isEmpty() ? SessionState.FAILED : anyStopped ? SessionState.STOPPED : SessionState.SUCCESS;
            vm.message = !failed.isEmpty() ? failed.getFirst().message
                    : anyStopped ? "Stopped before all its disks were read: no restore point was made." : null;
        }
        sample();
        return done;
    }

    synchronized boolean vmSucceeded(String reference) {
        return vms.get(reference).state == SessionState.SUCCESS;
    }

    synchronized void finish() {
        endedAt = clock.instant();
        long failed = vms.values().stream().filter(vm -> vm.state == SessionState.FAILED).count();
        long warned = vms.values().stream().filter(vm -> vm.state == SessionState.WARNING).count();
        long succeeded = vms.values().stream().filter(vm -> vm.state == SessionState.SUCCESS).count();
        if (stopReason != null) {
            state = SessionState.STOPPED;
            message = "Stopped: " + stopReason + " " + succeeded + " of " + vms.size() + " VMs were backed up before.";
            return;
        }
        state = failed > 0 ? SessionState.FAILED : warned > 0 ? SessionState.WARNING : SessionState.SUCCESS;
        message = failed > 0 ? failed + " of " + vms.size() + " VMs failed."
                : warned > 0 ? warned + " of " + vms.size() + (jobType == JobType.HEALTH_CHECK
                        ? " VMs have a damaged restore point." : " VMs were skipped.") : null;
    }

    synchronized boolean finished() {
        return state.finished();
    }

    synchronized SessionView view() {
        long total = 0;
        long done = 0;
        long transferred = 0;
        for (Vm vm : vms.values()) {
            for (Task task : vm.tasks.values()) {
                total += task.total;
                done += task.done();
                transferred += task.status == null ? 0 : task.status.bytesTransferred();
            }
        }
        int percent = state.finished() ? 100 : total == 0 ? 0 : (int) Math.min(99, done * 100 / total);
        return new SessionView(id, jobId, jobName, jobType, state, startedAt, endedAt, percent, done,
                transferred, message);
    }

    synchronized SessionDetails details() {
        List<SessionVmView> vmViews = new ArrayList<>();
        long read = 0;
        long weight = 0;
        long[] load = new long[4];
        for (Vm vm : vms.values()) {
            List<SessionTaskView> tasks = new ArrayList<>();
            for (Task task : vm.tasks.values()) {
                TaskStatus s = task.status;
                StageLoad taskLoad = s == null || s.load() == null ? StageLoad.NONE : s.load();
                tasks.add(new SessionTaskView(task.id, task.disk, task.proxyName, task.mode, task.state, task.total,
                        task.done(), s == null ? 0 : s.bytesRead(), s == null ? 0 : s.bytesTransferred(), taskLoad,
                        task.startedAt, task.endedAt, task.message));
                if (s != null) {
                    read += s.bytesRead();
                    long w = Math.max(1, task.total);
                    weight += w;
                    load[0] += taskLoad.source() * w;
                    load[1] += taskLoad.proxy() * w;
                    load[2] += taskLoad.network() * w;
                    load[3] += taskLoad.target() * w;
                }
            }
            vmViews.add(new SessionVmView(vm.id, vm.reference, vm.name, vm.state, vm.message, vm.startedAt,
                    vm.endedAt, tasks, List.copyOf(vm.log)));
        }
        StageLoad overall = weight == 0 ? StageLoad.NONE : new StageLoad((int) (load[0] / weight),
                (int) (load[1] / weight), (int) (load[2] / weight), (int) (load[3] / weight));
        int success = (int) vms.values().stream().filter(vm -> vm.state == SessionState.SUCCESS).count();
        int warnings = (int) vms.values().stream().filter(vm -> vm.state == SessionState.WARNING).count();
        int errors = (int) vms.values().stream().filter(vm -> vm.state == SessionState.FAILED).count();
        return new SessionDetails(view(), read, success, warnings, errors, overall, List.copyOf(samples), vmViews);
    }

    private void sample() {
        Instant now = clock.instant();
        Duration since = Duration.between(lastSample, now);
        if (since.compareTo(sampleEvery) < 0) {
            return;
        }
        long read = 0;
        long transferred = 0;
        for (Vm vm : vms.values()) {
            for (Task task : vm.tasks.values()) {
                if (task.status != null) {
                    read += task.status.bytesRead();
                    transferred += task.status.bytesTransferred();
                }
            }
        }
        long millis = Math.max(1, since.toMillis());
        samples.add(new RateSample(now, (read - lastRead) * 1000 / millis, (transferred - lastTransferred) * 1000 / millis));
        if (samples.size() > MAX_SAMPLES) {
            halveSamples();
        }
        lastSample = now;
        lastRead = read;
        lastTransferred = transferred;
    }

    /** Two neighbouring samples become one, at the later time, with their mean rates; the next ones come half as often. */
    private void halveSamples() {
        List<RateSample> halved = new ArrayList<>();
        for (int k = 0; k + 1 < samples.size(); k += 2) {
            RateSample a = samples.get(k);
            RateSample b = samples.get(k + 1);
            halved.add(new RateSample(b.at(), (a.readPerSecond() + b.readPerSecond()) / 2,
                    (a.transferredPerSecond() + b.transferredPerSecond()) / 2));
        }
        if (samples.size() % 2 == 1) {
            halved.add(samples.getLast());
        }
        samples.clear();
        samples.addAll(halved);
        sampleEvery = sampleEvery.multipliedBy(2);
    }

    private static void log(Vm vm, String line) {
        if (vm.log.size() < MAX_LOG_LINES) {
            vm.log.add(line);
        }
    }
}
