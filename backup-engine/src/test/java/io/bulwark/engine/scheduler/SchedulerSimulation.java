package io.bulwark.engine.scheduler;

import io.bulwark.protocol.proxies.TransportMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * A backup night in simulated time: jobs of VMs with mixed disks, proxies with mixed slots and
 * mixed reach, one repository. A disk takes its size divided by one slot's rate; the scheduler
 * decides everything else. The rate is the same in every mode, as the lower bound the issue names
 * (total work over total slots) assumes; which mode each disk got is counted beside. No threads,
 * no clock: the same seed gives the same night.
 */
final class SchedulerSimulation {
    static final long GB = 1_000_000_000L;
    /** Bytes per second one task slot moves. */
    static final long RATE = 200_000_000L;

    record Scenario(List<ProxyCapacity> proxies, List<List<DiskTask>> jobs, UUID repository, int repositorySlots) {
        int slots() {
            return proxies.stream().mapToInt(ProxyCapacity::slots).sum();
        }

        List<DiskTask> disks() {
            return jobs.stream().flatMap(List::stream).toList();
        }

        /** The bound: all work spread perfectly over all slots, or the longest disk alone. */
        double lowerBoundSeconds() {
            double work = disks().stream().mapToDouble(SchedulerSimulation::seconds).sum();
            return Math.max(work / slots(), longestSeconds());
        }

        double longestSeconds() {
            return disks().stream().mapToDouble(SchedulerSimulation::seconds).max().orElse(0);
        }

        /**
         * A tighter bound that no schedule beats either: a proxy can only take the work of the
         * datastores it reaches. The least time T in which each datastore's work can flow to
         * proxies that reach it, no proxy taking more than its slots times T (a max-flow, found
         * by bisection), or the longest disk alone.
         */
        double reachBoundSeconds() {
            Map<String, Double> work = new LinkedHashMap<>();
            disks().forEach(d -> work.merge(d.datastore(), seconds(d), Double::sum));
            double total = work.values().stream().mapToDouble(Double::doubleValue).sum();
            double low = total / slots();
            double high = total;
            for (int i = 0; i < 60; i++) {
                double mid = (low + high) / 2;
                if (ReachFlow.maxFlow(work, proxies, mid) >= total * (1 - 1e-9)) {
                    high = mid;
                } else {
                    low = mid;
                }
            }
            return Math.max(high, longestSeconds());
        }
    }

    /** What a simulated night gave. */
    record Result(double makespanSeconds, int assignments, long decisionNanos, long slowestDecisionNanos,
                  Map<TransportMode, Integer> modes, int maxOverSlots, int completed, int requeued) {
    }

    /**
     * @param proxies   how many proxies
     * @param vms       how many VMs, over ten jobs
     * @param datastore how many datastores
     */
    static Scenario generate(long seed, int proxies, int vms, int datastores) {
        Random random = new Random(seed);
        List<ProxyCapacity> capacities = new ArrayList<>();
        int[] slotChoices = {2, 4, 4, 6, 8, 8, 12, 16};
        for (int p = 0; p < proxies; p++) {
            Map<String, TransportMode> local = new HashMap<>();
            int seen = random.nextInt(4);
            for (int s = 0; s < seen; s++) {
                local.put("ds" + random.nextInt(datastores),
                        random.nextBoolean() ? TransportMode.DIRECT_STORAGE : TransportMode.VIRTUAL_APPLIANCE);
            }
            // One proxy in five reads only what it sees locally: no failover to network.
            boolean network = local.isEmpty() || random.nextInt(5) > 0;
            capacities.add(new ProxyCapacity(new UUID(0, p), "proxy" + p, slotChoices[random.nextInt(slotChoices.length)],
                    local, network));
        }
        UUID repository = new UUID(1, 0);
        List<List<DiskTask>> jobs = new ArrayList<>();
        int jobsCount = 10;
        for (int j = 0; j < jobsCount; j++) {
            UUID job = new UUID(2, j);
            List<DiskTask> disks = new ArrayList<>();
            for (int v = j * vms / jobsCount; v < (j + 1) * vms / jobsCount; v++) {
                String datastore = "ds" + random.nextInt(datastores);
                int count = 1 + random.nextInt(4);
                for (int d = 0; d < count; d++) {
                    disks.add(new DiskTask("job" + j + "/vm" + v + "/disk" + d, job, "vm" + v, "disk" + d, datastore,
                            repository, diskSize(random)));
                }
            }
            jobs.add(disks);
        }
        return new Scenario(capacities, jobs, repository, Math.max(1, capacities.stream().mapToInt(ProxyCapacity::slots).sum()));
    }

    /** Mostly small system disks, some data disks, a few big ones. */
    private static long diskSize(Random random) {
        int kind = random.nextInt(100);
        if (kind < 70) {
            return (10 + random.nextInt(91)) * GB;
        }
        if (kind < 95) {
            return (100 + random.nextInt(401)) * GB;
        }
        return (500 + random.nextInt(1501)) * GB;
    }

    /**
     * Runs the night: every job submitted at once; at each task's end the scheduler is told and
     * asked again. With {@code loseProxyAt} non-negative, the first proxy goes away at that time
     * and its tasks start over elsewhere.
     */
    static Result run(Scenario scenario, double loseProxyAt) {
        TaskScheduler scheduler = new TaskScheduler();
        scheduler.setRepository(scenario.repository(), scenario.repositorySlots());
        Map<UUID, ProxyCapacity> byId = new LinkedHashMap<>();
        scenario.proxies().forEach(p -> {
            scheduler.addProxy(p);
            byId.put(p.id(), p);
        });
        scenario.jobs().forEach(scheduler::submit);

        PriorityQueue<Event> ends = new PriorityQueue<>();
        Map<String, Event> current = new HashMap<>();
        Map<TransportMode, Integer> modes = new LinkedHashMap<>();
        long sequence = 0;
        int assignments = 0;
        long decisionNanos = 0;
        long slowest = 0;
        int maxOver = 0;
        int completed = 0;
        int requeued = 0;
        double now = 0;
        boolean lost = loseProxyAt < 0;
        while (true) {
            long started = System.nanoTime();
            List<Assignment> placed = scheduler.dispatch();
            long took = System.nanoTime() - started;
            decisionNanos += took;
            slowest = Math.max(slowest, took / Math.max(1, placed.size()));
            for (Assignment a : placed) {
                assignments++;
                modes.merge(a.mode(), 1, Integer::sum);
                Event end = new Event(now + seconds(a.task()), sequence++, a.task().id(), a.proxyId());
                ends.add(end);
                current.put(a.task().id(), end);
                maxOver = Math.max(maxOver, scheduler.runningOn(a.proxyId()) - byId.get(a.proxyId()).slots());
            }
            Event next = ends.poll();
            if (next == null) {
                break;
            }
            if (!lost && loseProxyAt <= next.at) {
                lost = true;
                now = loseProxyAt;
                ends.add(next);
                UUID victim = scenario.proxies().getFirst().id();
                long t0 = System.nanoTime();
                List<DiskTask> back = scheduler.removeProxy(victim);
                decisionNanos += System.nanoTime() - t0;
                requeued += back.size();
                for (DiskTask task : back) {
                    ends.remove(current.remove(task.id()));
                }
                continue;
            }
            if (current.get(next.task) != next) {
                continue; // an end that no longer stands: the task was taken back and placed again
            }
            now = next.at;
            current.remove(next.task);
            long t0 = System.nanoTime();
            scheduler.finished(next.task);
            decisionNanos += System.nanoTime() - t0;
            completed++;
        }
        return new Result(now, assignments, decisionNanos, slowest, modes, maxOver, completed, requeued);
    }

    static double seconds(DiskTask disk) {
        return (double) disk.bytes() / RATE;
    }

    private record Event(double at, long sequence, String task, UUID proxy) implements Comparable<Event> {
        @Override
        public int compareTo(Event other) {
            int byTime = Double.compare(at, other.at);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private SchedulerSimulation() {
    }
}
