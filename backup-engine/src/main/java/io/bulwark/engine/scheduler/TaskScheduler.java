package io.bulwark.engine.scheduler;

import io.bulwark.protocol.proxies.TransportMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Places the disks of running jobs on proxy task slots, one decision at a time.
 *
 * <p>The rules, in Veeam's words: a job is one task per VM disk; every proxy and every repository
 * has task slots; when a slot frees, the next task goes to the proxy with the best transport mode
 * to the disk's datastore (direct storage access, then virtual appliance, then network) and, among
 * those, the lowest load. Which task is next: first the disks of VMs already being processed (the
 * VM started earliest first), then the VMs of the jobs that started earliest. Jobs that started
 * together (no decision was taken between them: the nightly jobs at 22:00) share the slots as one:
 * the VM with the most data starts first, whichever job it is in, and within a VM the largest
 * disk. Big work early keeps the last hour from waiting on one big disk; that is what brings a
 * night close to the lower bound of any schedule (see {@code SchedulerBenchmark}).
 *
 * <p>One exception to that order keeps every slot busy to the end: a proxy that reads some
 * datastores only locally (it has no network mode) can work on nothing else, so once the work
 * waiting on its datastores falls below its share of all that waits, network slots pass those
 * disks over for others while there are others.
 *
 * <p>A disk no free proxy can read, or whose repository has no free slot, waits without holding up
 * the disks behind it. A proxy that goes away gives its running tasks back; they are the first to
 * be placed again, since their VMs are in progress.
 *
 * <p>Not thread-safe, and needs not be: the job engine calls it from one thread.
 */
public final class TaskScheduler {
    private final Map<UUID, Proxy> proxies = new LinkedHashMap<>();
    private final Map<UUID, Integer> repositoryFree = new HashMap<>();
    private final TreeSet<Vm> waiting = new TreeSet<>(Vm.PRIORITY);
    private final Map<UUID, List<Vm>> vmsByJob = new HashMap<>();
    private final Map<String, Running> running = new HashMap<>();
    private int freeSlots;
    /** How many times dispatch ran: jobs submitted between the same two runs started together. */
    private long dispatches;
    private long vmsStarted;
    private long proxiesAdded;
    /** The datastores some proxy reads, but only locally: it has no network mode to fall back on. */
    private Set<String> localOnlyReach = Set.of();
    private int localOnlySlots;
    private int allSlots;
    /** In this dispatch, a network slot passed over a disk that a local-only proxy can read. */
    private boolean spared;
    private final Map<String, Long> waitingBytes = new HashMap<>();
    private long allWaitingBytes;

    /** Adds a proxy, or replaces one with the same id that has no running tasks. */
    public void addProxy(ProxyCapacity capacity) {
        Proxy old = proxies.get(capacity.id());
        if (old != null) {
            if (old.running > 0) {
                throw new IllegalStateException("Proxy " + capacity.name() + " still runs " + old.running + " tasks");
            }
            freeSlots -= old.capacity.slots();
        }
        proxies.put(capacity.id(), new Proxy(capacity, old != null ? old.order : proxiesAdded++));
        freeSlots += capacity.slots();
        proxiesChanged();
    }

    /** Sets a repository's task slots. A repository must be known before a job writing to it is submitted. */
    public void setRepository(UUID id, int slots) {
        int busy = repositoryBusy(id);
        repositoryFree.put(id, slots - busy);
    }

    /**
     * The proxy went away (it stopped answering, or an admin removed it): its running tasks are
     * taken back and wait to be placed again, before anything else. Returns them.
     */
    public List<DiskTask> removeProxy(UUID proxyId) {
        Proxy proxy = proxies.remove(proxyId);
        if (proxy == null) {
            return List.of();
        }
        freeSlots -= proxy.capacity.slots() - proxy.running;
        proxiesChanged();
        List<DiskTask> back = new ArrayList<>();
        for (Running task : List.copyOf(running.values())) {
            if (task.proxy == proxy) {
                running.remove(task.task.id());
                repositoryFree.merge(task.task.repositoryId(), 1, Integer::sum);
                Vm vm = task.vm;
                vm.running--;
                waiting.remove(vm);
                vm.pending.add(task.task);
                vm.pending.sort(Vm.LARGEST_FIRST);
                waits(task.task, 1);
                waiting.add(vm);
                back.add(task.task);
            }
        }
        return back;
    }

    /** A job run starts: its disks wait for slots, behind the jobs that came before it. */
    public void submit(List<DiskTask> disks) {
        Map<UUID, Map<String, Vm>> byJob = new LinkedHashMap<>();
        for (DiskTask disk : disks) {
            if (running.containsKey(disk.id())) {
                throw new IllegalArgumentException("Task " + disk.id() + " is running already");
            }
            if (!repositoryFree.containsKey(disk.repositoryId())) {
                throw new IllegalArgumentException("Task " + disk.id() + " writes to repository " + disk.repositoryId()
                        + ", which the scheduler does not know");
            }
            byJob.computeIfAbsent(disk.jobId(), id -> new LinkedHashMap<>())
                    .computeIfAbsent(disk.vm(), name -> new Vm(disk.jobId(), name, disk.repositoryId()))
                    .pending.add(disk);
            waits(disk, 1);
        }
        byJob.forEach((jobId, vms) -> {
            List<Vm> known = vmsByJob.computeIfAbsent(jobId, id -> new ArrayList<>());
            long startedAt = known.isEmpty() ? dispatches : known.getFirst().jobStart;
            for (Vm vm : vms.values()) {
                vm.pending.sort(Vm.LARGEST_FIRST);
                vm.bytes = vm.pending.stream().mapToLong(DiskTask::bytes).sum();
                vm.jobStart = startedAt;
                known.add(vm);
                waiting.add(vm);
            }
        });
    }

    /**
     * Fills every free slot that a waiting disk can use, in priority order. Deterministic: the same
     * calls in the same order give the same assignments.
     */
    public List<Assignment> dispatch() {
        dispatches++;
        List<Assignment> placed = new ArrayList<>();
        // Network slots leave the datastores that some proxy reads only locally to that proxy once
        // their work falls below its fair share, or it would sit idle at the end of the night; what
        // is still free after that takes anything.
        spared = false;
        for (boolean firstPass : new boolean[] {true, false}) {
            if (!firstPass && !spared) {
                break; // nothing was left for the local-only proxies: the first pass took all it could
            }
            boolean spareLocalOnly = firstPass && localOnlyShort();
            Reach reach = reachOfFreeProxies();
            Vm vm = waiting.isEmpty() ? null : waiting.first();
            while (vm != null && freeSlots > 0) {
                Assignment assignment = placeNextDisk(vm, reach, spareLocalOnly);
                if (assignment != null) {
                    placed.add(assignment);
                    spareLocalOnly = firstPass && localOnlyShort();
                    if (runningOn(assignment.proxyId()) == proxies.get(assignment.proxyId()).capacity.slots()) {
                        reach = reachOfFreeProxies(); // that proxy is full now
                    }
                    if (waiting.contains(vm)) {
                        continue; // its other disks come first now: the VM is in progress
                    }
                }
                // The VMs before this one cannot be placed, and stay so while slots only fill up.
                vm = waiting.higher(vm);
            }
        }
        return placed;
    }

    /** The local-only proxies have less work waiting for them than their share of what waits. */
    private boolean localOnlyShort() {
        if (localOnlySlots == 0 || allWaitingBytes == 0) {
            return false;
        }
        long theirs = 0;
        for (String datastore : localOnlyReach) {
            theirs += waitingBytes.getOrDefault(datastore, 0L);
        }
        return (double) theirs / localOnlySlots <= (double) allWaitingBytes / allSlots;
    }

    private void waits(DiskTask disk, int sign) {
        waitingBytes.merge(disk.datastore(), sign * disk.bytes(), Long::sum);
        allWaitingBytes += sign * disk.bytes();
    }

    private void proxiesChanged() {
        Set<String> reach = new HashSet<>();
        int slots = 0;
        for (Proxy proxy : proxies.values()) {
            if (!proxy.capacity.network()) {
                reach.addAll(proxy.capacity.localModes().keySet());
                slots += proxy.capacity.slots();
            }
        }
        localOnlyReach = reach;
        localOnlySlots = slots;
        allSlots = proxies.values().stream().mapToInt(p -> p.capacity.slots()).sum();
    }

    /** A task ended, well or not: its proxy and repository slots are free again. */
    public void finished(String taskId) {
        Running task = running.remove(taskId);
        if (task == null) {
            return; // taken back from a proxy that went away, and perhaps placed again
        }
        task.proxy.running--;
        freeSlots++;
        repositoryFree.merge(task.task.repositoryId(), 1, Integer::sum);
        Vm vm = task.vm;
        vm.running--;
        if (vm.running == 0 && vm.pending.isEmpty()) {
            List<Vm> siblings = vmsByJob.get(vm.jobId);
            siblings.remove(vm);
            if (siblings.isEmpty()) {
                vmsByJob.remove(vm.jobId); // the job run is over, as far as slots go
            }
        }
    }

    /**
     * A job run is stopped: its disks that still wait are dropped and returned. Its running tasks
     * stay until each is reported {@link #finished}.
     */
    public List<DiskTask> withdraw(UUID jobId) {
        List<DiskTask> dropped = new ArrayList<>();
        List<Vm> vms = vmsByJob.getOrDefault(jobId, List.of());
        for (Vm vm : List.copyOf(vms)) {
            waiting.remove(vm);
            for (DiskTask disk : vm.pending) {
                waits(disk, -1);
                dropped.add(disk);
            }
            vm.pending.clear();
            if (vm.running == 0) {
                vms.remove(vm);
            }
        }
        if (vms.isEmpty()) {
            vmsByJob.remove(jobId);
        }
        return dropped;
    }

    /**
     * One waiting disk leaves the queue: no proxy left can read it. Answers whether it was waiting
     * (a running or unknown task is left alone).
     */
    public boolean withdrawTask(String taskId) {
        for (List<Vm> vms : vmsByJob.values()) {
            for (Vm vm : List.copyOf(vms)) {
                DiskTask found = vm.pending.stream().filter(d -> d.id().equals(taskId)).findFirst().orElse(null);
                if (found == null) {
                    continue;
                }
                waiting.remove(vm); // its place in the queue depends on what it holds: out before it changes
                vm.pending.remove(found);
                waits(found, -1);
                if (!vm.pending.isEmpty()) {
                    waiting.add(vm);
                } else if (vm.running == 0) {
                    vms.remove(vm);
                }
                vmsByJob.values().removeIf(List::isEmpty);
                return true;
            }
        }
        return false;
    }

    public int runningCount() {
        return running.size();
    }

    public int waitingCount() {
        return waiting.stream().mapToInt(vm -> vm.pending.size()).sum();
    }

    /** The tasks a proxy runs now. */
    public int runningOn(UUID proxyId) {
        Proxy proxy = proxies.get(proxyId);
        return proxy == null ? 0 : proxy.running;
    }

    private Assignment placeNextDisk(Vm vm, Reach reach, boolean spareLocalOnly) {
        if (repositoryFree.getOrDefault(vm.repositoryId, 0) <= 0) {
            return null;
        }
        for (int i = 0; i < vm.pending.size(); i++) {
            DiskTask disk = vm.pending.get(i);
            if (!reach.canRead(disk.datastore())) {
                continue;
            }
            Proxy best = null;
            TransportMode bestMode = null;
            for (Proxy proxy : proxies.values()) {
                if (proxy.running >= proxy.capacity.slots() || !disk.mayUse(proxy.capacity.id())) {
                    continue;
                }
                TransportMode mode = proxy.capacity.modeTo(disk.datastore());
                if (mode != null && (best == null || better(mode, proxy, bestMode, best))) {
                    best = proxy;
                    bestMode = mode;
                }
            }
            if (best != null && spareLocalOnly && bestMode == TransportMode.NETWORK
                    && localOnlyReach.contains(disk.datastore())) {
                spared = true;
            } else if (best != null) {
                start(vm, i, best);
                return new Assignment(disk, best.capacity.id(), bestMode);
            }
        }
        return null;
    }

    /**
     * What the proxies with a free slot can read: when only proxies that read locally are free,
     * most waiting disks are skipped at a glance rather than proxy by proxy.
     */
    private Reach reachOfFreeProxies() {
        Set<String> local = new HashSet<>();
        for (Proxy proxy : proxies.values()) {
            if (proxy.running < proxy.capacity.slots()) {
                if (proxy.capacity.network()) {
                    return Reach.EVERYTHING;
                }
                local.addAll(proxy.capacity.localModes().keySet());
            }
        }
        return new Reach(local);
    }

    /** The datastores some free proxy can read; null for all of them. */
    private record Reach(Set<String> datastores) {
        static final Reach EVERYTHING = new Reach(null);

        boolean canRead(String datastore) {
            return datastores == null || datastores.contains(datastore);
        }
    }

    /** Best mode first; then the lowest share of slots in use; then the proxy added first. */
    private static boolean better(TransportMode mode, Proxy proxy, TransportMode thanMode, Proxy than) {
        if (mode != thanMode) {
            return rank(mode) < rank(thanMode);
        }
        long load = (long) proxy.running * than.capacity.slots();
        long thanLoad = (long) than.running * proxy.capacity.slots();
        return load != thanLoad ? load < thanLoad : proxy.order < than.order;
    }

    private static int rank(TransportMode mode) {
        return switch (mode) {
            case DIRECT_STORAGE -> 0;
            case VIRTUAL_APPLIANCE -> 1;
            case NETWORK -> 2;
            case AUTOMATIC -> throw new IllegalArgumentException("A proxy reaches a datastore in one definite mode");
        };
    }

    private void start(Vm vm, int diskIndex, Proxy proxy) {
        waiting.remove(vm);
        DiskTask disk = vm.pending.remove(diskIndex);
        waits(disk, -1);
        if (!vm.started) {
            vm.started = true;
            vm.startOrder = vmsStarted++;
        }
        vm.running++;
        if (!vm.pending.isEmpty()) {
            waiting.add(vm);
        }
        proxy.running++;
        freeSlots--;
        repositoryFree.merge(vm.repositoryId, -1, Integer::sum);
        running.put(disk.id(), new Running(disk, proxy, vm));
    }

    private int repositoryBusy(UUID repositoryId) {
        return (int) running.values().stream().filter(r -> r.task.repositoryId().equals(repositoryId)).count();
    }

    private static final class Proxy {
        final ProxyCapacity capacity;
        final long order;
        int running;

        Proxy(ProxyCapacity capacity, long order) {
            this.capacity = capacity;
            this.order = order;
        }
    }

    private record Running(DiskTask task, Proxy proxy, Vm vm) {
    }

    /** A VM's disks that wait. Its place in the queue changes only while it is out of the queue. */
    private static final class Vm {
        static final Comparator<DiskTask> LARGEST_FIRST = Comparator.comparingLong(DiskTask::bytes).reversed()
                .thenComparing(DiskTask::id);
        static final Comparator<Vm> PRIORITY = Comparator.comparing((Vm vm) -> !vm.started)
                .thenComparingLong(vm -> vm.started ? vm.startOrder : vm.jobStart)
                .thenComparingLong(vm -> vm.started ? 0 : -vm.bytes)
                .thenComparing(vm -> vm.jobId)
                .thenComparing(vm -> vm.name);

        final UUID jobId;
        final String name;
        final UUID repositoryId;
        final List<DiskTask> pending = new ArrayList<>();
        long bytes;
        /** The dispatch count when its job was submitted. */
        long jobStart;
        boolean started;
        long startOrder;
        int running;

        Vm(UUID jobId, String name, UUID repositoryId) {
            this.jobId = jobId;
            this.name = name;
            this.repositoryId = repositoryId;
        }
    }
}
