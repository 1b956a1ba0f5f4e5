package io.bulwark.engine.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.protocol.proxies.TransportMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TaskSchedulerTest {
    private static final long GIB = 1L << 30;
    private static final UUID REPOSITORY = UUID.nameUUIDFromBytes("repository".getBytes());
    private static final UUID NIGHTLY = UUID.nameUUIDFromBytes("nightly".getBytes());
    private static final UUID WEEKLY = UUID.nameUUIDFromBytes("weekly".getBytes());

    private final TaskScheduler scheduler = new TaskScheduler();

    TaskSchedulerTest() {
        scheduler.setRepository(REPOSITORY, 100);
    }

    @Test
    void aFreedSlotGoesToTheNextDiskOfAVmInProgressBeforeANewVm() {
        scheduler.addProxy(proxy("proxy1", 1, Map.of()));
        scheduler.submit(List.of(disk(NIGHTLY, "web", "sda", 50), disk(NIGHTLY, "web", "sdb", 10),
                disk(NIGHTLY, "db", "sdb", 1), disk(NIGHTLY, "db", "sda", 200)));

        List<Assignment> first = scheduler.dispatch();
        assertThat(ids(first)).as("the VM with the most data first, its largest disk first").containsExactly("nightly/db/sda");

        scheduler.finished("nightly/db/sda");
        assertThat(ids(scheduler.dispatch())).as("db is in progress: its 1 GiB disk goes before web's 50 GiB")
                .containsExactly("nightly/db/sdb");
        scheduler.finished("nightly/db/sdb");
        assertThat(ids(scheduler.dispatch())).containsExactly("nightly/web/sda");
        scheduler.finished("nightly/web/sda");
        assertThat(ids(scheduler.dispatch())).containsExactly("nightly/web/sdb");
    }

    @Test
    void vmsOfAJobThatStartedEarlierGoBeforeALaterJobs() {
        scheduler.addProxy(proxy("proxy1", 1, Map.of()));
        scheduler.submit(List.of(disk(NIGHTLY, "web", "sda", 10), disk(NIGHTLY, "app", "sda", 20)));
        assertThat(ids(scheduler.dispatch())).containsExactly("nightly/app/sda");
        scheduler.submit(List.of(disk(WEEKLY, "db", "sda", 500)));

        scheduler.finished("nightly/app/sda");
        assertThat(ids(scheduler.dispatch())).as("the later job's bigger VM waits for the running job")
                .containsExactly("nightly/web/sda");
        scheduler.finished("nightly/web/sda");
        assertThat(ids(scheduler.dispatch())).containsExactly("weekly/db/sda");
    }

    @Test
    void jobsThatStartTogetherShareTheSlotsLargestVmFirst() {
        scheduler.addProxy(proxy("proxy1", 2, Map.of()));
        scheduler.submit(List.of(disk(NIGHTLY, "web", "sda", 10), disk(NIGHTLY, "app", "sda", 20)));
        scheduler.submit(List.of(disk(WEEKLY, "db", "sda", 500), disk(WEEKLY, "mail", "sda", 5)));

        assertThat(ids(scheduler.dispatch())).containsExactly("weekly/db/sda", "nightly/app/sda");
        scheduler.finished("nightly/app/sda");
        assertThat(ids(scheduler.dispatch())).containsExactly("nightly/web/sda");
    }

    @Test
    void aJobThatNamesItsProxiesWaitsForThemEvenWhenAnotherIsFree() {
        UUID chosen = add(proxy("chosen", 1, Map.of()));
        add(proxy("other", 1, Map.of()));
        scheduler.submit(List.of(
                new DiskTask("nightly/web/sda", NIGHTLY, "web", "sda", "ds1", REPOSITORY, 50 * GIB, java.util.Set.of(chosen)),
                new DiskTask("nightly/db/sda", NIGHTLY, "db", "sda", "ds1", REPOSITORY, 90 * GIB, java.util.Set.of(chosen))));

        List<Assignment> placed = scheduler.dispatch();
        assertThat(placed).extracting(Assignment::proxyId).containsExactly(chosen);
        assertThat(scheduler.waitingCount()).as("the other proxy is free, but not the job's").isEqualTo(1);
    }

    @Test
    void aStoppedJobsWaitingDisksAreWithdrawnAndItsRunningOnesEndAsUsual() {
        scheduler.addProxy(proxy("proxy1", 1, Map.of()));
        scheduler.submit(List.of(disk(NIGHTLY, "web", "sda", 50), disk(NIGHTLY, "db", "sda", 10)));
        scheduler.submit(List.of(disk(WEEKLY, "mail", "sda", 5)));
        assertThat(ids(scheduler.dispatch())).containsExactly("nightly/web/sda");

        assertThat(scheduler.withdraw(NIGHTLY)).extracting(DiskTask::id).containsExactly("nightly/db/sda");
        assertThat(scheduler.waitingCount()).isEqualTo(1);
        assertThat(scheduler.runningCount()).as("the running task ends by itself").isEqualTo(1);

        scheduler.finished("nightly/web/sda");
        assertThat(ids(scheduler.dispatch())).containsExactly("weekly/mail/sda");
        assertThat(scheduler.withdraw(NIGHTLY)).isEmpty();
    }

    @Test
    void aLostProxysTaskThatNoOtherProxyCanReadLeavesTheQueueAlone() {
        UUID lost = add(proxy("lost", 2, Map.of()));
        scheduler.submit(List.of(disk(NIGHTLY, "web", "sda", 50), disk(NIGHTLY, "web", "sdb", 40),
                disk(WEEKLY, "mail", "sda", 5)));
        assertThat(ids(scheduler.dispatch())).hasSize(2);

        assertThat(scheduler.removeProxy(lost)).extracting(DiskTask::id)
                .containsExactlyInAnyOrder("nightly/web/sda", "nightly/web/sdb");
        assertThat(scheduler.withdrawTask("nightly/web/sda")).isTrue();
        assertThat(scheduler.withdrawTask("nightly/web/sda")).as("once").isFalse();

        assertThat(scheduler.waitingCount()).isEqualTo(2);
        add(proxy("next", 4, Map.of()));
        assertThat(ids(scheduler.dispatch())).containsExactlyInAnyOrder("nightly/web/sdb", "weekly/mail/sda");
        assertThat(scheduler.withdrawTask("weekly/mail/sda")).as("a running task is not withdrawn").isFalse();
    }

    @Test
    void theBestTransportModeWinsThenTheLowestLoad() {
        UUID direct = add(proxy("direct", 2, Map.of("ds1", TransportMode.DIRECT_STORAGE)));
        UUID appliance = add(proxy("appliance", 4, Map.of("ds1", TransportMode.VIRTUAL_APPLIANCE)));
        UUID network = add(proxy("network", 8, Map.of()));
        List<DiskTask> disks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            disks.add(new DiskTask("vm" + i + "/sda", NIGHTLY, "vm" + i, "sda", "ds1", REPOSITORY, (100 - i) * GIB));
        }
        disks.add(new DiskTask("vm9/sda", NIGHTLY, "vm9", "sda", "ds2", REPOSITORY, GIB));
        scheduler.submit(disks);

        List<Assignment> placed = scheduler.dispatch();

        assertThat(placed).extracting(a -> a.task().id() + " " + a.mode()).containsExactly(
                "vm0/sda DIRECT_STORAGE", "vm1/sda DIRECT_STORAGE", "vm2/sda VIRTUAL_APPLIANCE",
                "vm3/sda VIRTUAL_APPLIANCE", "vm4/sda VIRTUAL_APPLIANCE", "vm5/sda VIRTUAL_APPLIANCE",
                "vm9/sda NETWORK");
        assertThat(placed).extracting(Assignment::proxyId).as("ds2 is seen by nobody locally: network")
                .containsExactly(direct, direct, appliance, appliance, appliance, appliance, network);
        assertThat(scheduler.runningOn(network)).isEqualTo(1);
    }

    @Test
    void amongEqualModesTheLeastLoadedProxyByShareOfSlotsWins() {
        UUID small = add(proxy("small", 2, Map.of()));
        UUID large = add(proxy("large", 6, Map.of()));
        List<DiskTask> disks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            disks.add(disk(NIGHTLY, "vm" + i, "sda", 10 - i));
        }
        scheduler.submit(disks);

        assertThat(scheduler.dispatch()).extracting(Assignment::proxyId)
                .as("0/2 vs 0/6: the first added; then 1/2 against 0/6, 1/2 against 1/6, 1/2 against 2/6")
                .containsExactly(small, large, large, large);
    }

    @Test
    void aDiskNoFreeProxyCanReadWaitsWithoutHoldingUpTheOthers() {
        scheduler.addProxy(new ProxyCapacity(UUID.randomUUID(), "local only", 2, Map.of("ds1", TransportMode.DIRECT_STORAGE),
                false));
        scheduler.submit(List.of(new DiskTask("big/sda", NIGHTLY, "big", "sda", "ds9", REPOSITORY, 900 * GIB),
                new DiskTask("small/sda", NIGHTLY, "small", "sda", "ds1", REPOSITORY, GIB)));

        assertThat(ids(scheduler.dispatch())).containsExactly("small/sda");
        assertThat(scheduler.waitingCount()).isEqualTo(1);
    }

    @Test
    void aNetworkSlotLeavesALocalOnlyProxysDatastoreToItWhenItsWorkRunsShort() {
        UUID local = add(new ProxyCapacity(UUID.randomUUID(), "local only", 1, Map.of("ds1", TransportMode.DIRECT_STORAGE),
                false));
        UUID network = add(proxy("network", 1, Map.of()));
        scheduler.submit(List.of(new DiskTask("a/sda", NIGHTLY, "a", "sda", "ds1", REPOSITORY, 40 * GIB),
                new DiskTask("a/sdb", NIGHTLY, "a", "sdb", "ds1", REPOSITORY, 10 * GIB),
                new DiskTask("c/sda", NIGHTLY, "c", "sda", "ds9", REPOSITORY, 30 * GIB)));

        assertThat(scheduler.dispatch()).extracting(a -> a.task().id() + "@" + (a.proxyId().equals(local) ? "local" : "network"))
                .as("10 GiB left for the local-only slot, 40 GiB for two: a/sdb would leave it idle")
                .containsExactly("a/sda@local", "c/sda@network");
        scheduler.finished("a/sda");
        assertThat(scheduler.dispatch()).extracting(a -> a.task().id() + " " + a.mode())
                .containsExactly("a/sdb DIRECT_STORAGE");
        assertThat(scheduler.runningOn(network)).isEqualTo(1);
    }

    @Test
    void aFullRepositoryHoldsItsJobsDisksAndOnlyThose() {
        UUID offsite = UUID.nameUUIDFromBytes("offsite".getBytes());
        scheduler.setRepository(offsite, 1);
        scheduler.addProxy(proxy("proxy1", 4, Map.of()));
        scheduler.submit(List.of(new DiskTask("a/sda", WEEKLY, "a", "sda", "ds1", offsite, 30 * GIB),
                new DiskTask("b/sda", WEEKLY, "b", "sda", "ds1", offsite, 20 * GIB),
                disk(NIGHTLY, "c", "sda", 10)));

        assertThat(ids(scheduler.dispatch())).containsExactly("a/sda", "nightly/c/sda");
        scheduler.finished("a/sda");
        assertThat(ids(scheduler.dispatch())).containsExactly("b/sda");
    }

    @Test
    void theTasksOfAProxyThatWentAwayArePlacedAgainFirst() {
        UUID lost = add(proxy("lost", 1, Map.of("ds1", TransportMode.DIRECT_STORAGE)));
        UUID other = add(proxy("other", 1, Map.of()));
        scheduler.submit(List.of(disk(NIGHTLY, "vm1", "sda", 90), disk(NIGHTLY, "vm2", "sda", 80),
                disk(NIGHTLY, "vm3", "sda", 70)));
        assertThat(scheduler.dispatch()).extracting(a -> a.task().id() + "@" + (a.proxyId().equals(lost) ? "lost" : "other"))
                .containsExactly("nightly/vm1/sda@lost", "nightly/vm2/sda@other");

        List<DiskTask> back = scheduler.removeProxy(lost);
        scheduler.finished("nightly/vm2/sda");

        assertThat(back).extracting(DiskTask::id).containsExactly("nightly/vm1/sda");
        assertThat(scheduler.dispatch()).extracting(a -> a.task().id() + " " + a.mode())
                .as("vm1 is in progress: it goes before vm3, in the mode the remaining proxy has")
                .containsExactly("nightly/vm1/sda NETWORK");
        scheduler.finished("nightly/vm1/sda");
        assertThat(ids(scheduler.dispatch())).containsExactly("nightly/vm3/sda");
        assertThat(scheduler.runningOn(other)).isEqualTo(1);
    }

    @Test
    void theSameCallsGiveTheSameAssignments() {
        List<String> first = replay();
        List<String> second = replay();
        assertThat(first).isEqualTo(second).hasSize(40);
    }

    private static List<String> replay() {
        TaskScheduler scheduler = new TaskScheduler();
        scheduler.setRepository(REPOSITORY, 6);
        for (int p = 0; p < 4; p++) {
            scheduler.addProxy(new ProxyCapacity(UUID.nameUUIDFromBytes(("p" + p).getBytes()), "p" + p, 1 + p,
                    Map.of("ds" + p, TransportMode.DIRECT_STORAGE), true));
        }
        List<DiskTask> disks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            disks.add(new DiskTask("t" + i, NIGHTLY, "vm" + (i / 3), "d" + (i % 3), "ds" + (i % 5), REPOSITORY,
                    (i * 7919L % 97) * GIB));
        }
        scheduler.submit(disks);
        // A clock of sorts: each step, the oldest running task ends.
        List<String> log = new ArrayList<>();
        Deque<String> runningIds = new ArrayDeque<>();
        do {
            for (Assignment a : scheduler.dispatch()) {
                log.add(a.task().id() + "@" + a.proxyId() + " " + a.mode());
                runningIds.add(a.task().id());
            }
            scheduler.finished(runningIds.removeFirst());
        } while (!runningIds.isEmpty() || scheduler.waitingCount() > 0);
        return log;
    }

    private UUID add(ProxyCapacity proxy) {
        scheduler.addProxy(proxy);
        return proxy.id();
    }

    private static ProxyCapacity proxy(String name, int slots, Map<String, TransportMode> local) {
        return new ProxyCapacity(UUID.nameUUIDFromBytes(name.getBytes()), name, slots, local, true);
    }

    private static DiskTask disk(UUID job, String vm, String disk, long gib) {
        String jobName = job.equals(NIGHTLY) ? "nightly" : "weekly";
        return new DiskTask(jobName + "/" + vm + "/" + disk, job, vm, disk, "ds1", REPOSITORY, gib * GIB);
    }

    private static List<String> ids(List<Assignment> assignments) {
        return assignments.stream().map(a -> a.task().id()).toList();
    }
}
