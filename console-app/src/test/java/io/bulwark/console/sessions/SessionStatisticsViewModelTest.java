package io.bulwark.console.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.ManualScheduler;
import io.bulwark.protocol.control.StageLoad;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.sessions.RateSample;
import io.bulwark.protocol.sessions.SessionDetails;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionTaskView;
import io.bulwark.protocol.sessions.SessionView;
import io.bulwark.protocol.sessions.SessionVmView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionStatisticsViewModelTest {
    private static final long MIB = 1024 * 1024;
    private static final Instant STARTED = Instant.parse("2025-03-01T22:00:00Z");
    private static final UUID SESSION = UUID.randomUUID();
    private static final UUID WEB = UUID.randomUUID();
    private static final UUID DB = UUID.randomUUID();

    /** The engine's answers, one per read; the last one is repeated. */
    private final Deque<SessionDetails> script = new ArrayDeque<>();
    private int reads;
    private RuntimeException failure;
    private final SessionApi api = id -> {
        assertThat(id).isEqualTo(SESSION);
        reads++;
        if (failure != null) {
            throw failure;
        }
        return script.size() > 1 ? script.removeFirst() : script.getFirst();
    };
    private final ManualScheduler scheduler = new ManualScheduler();
    private final EventBus bus = new EventBus(Runnable::run);
    private final SessionStatisticsViewModel statistics = new SessionStatisticsViewModel(SESSION, api,
            new CurrentThreadTaskExecutor(), scheduler, bus,
            Clock.fixed(STARTED.plusSeconds(100), ZoneOffset.UTC));

    @Test
    void aRunningSessionShowsItsProgressRatesAndCounts() {
        script.add(details(SessionState.RUNNING, null, 47, 1000 * MIB, 800 * MIB, 400 * MIB,
                new StageLoad(10, 30, 0, 85), List.of(vm(WEB, "web", SessionState.SUCCESS, null))));

        statistics.follow();

        assertThat(statistics.jobNameProperty().get()).isEqualTo("Nightly");
        assertThat(statistics.stateTextProperty().get()).isEqualTo("Running");
        assertThat(statistics.progressProperty().get()).isEqualTo(0.47);
        assertThat(statistics.progressTextProperty().get()).isEqualTo("47 %");
        assertThat(statistics.durationProperty().get()).as("until now, as it still runs").isEqualTo("0:01:40");
        assertThat(statistics.processingRateProperty().get()).as("processed over the duration")
                .isEqualTo("10.0 MiB/s");
        assertThat(statistics.processedProperty().get()).isEqualTo("1000.0 MiB");
        assertThat(statistics.readProperty().get()).isEqualTo("800.0 MiB");
        assertThat(statistics.transferredProperty().get()).as("with the reduction").isEqualTo("400.0 MiB (2.0x)");
        assertThat(statistics.successProperty().get()).isEqualTo(1);
        assertThat(statistics.warningsProperty().get()).isEqualTo(2);
        assertThat(statistics.errorsProperty().get()).isEqualTo(3);
        assertThat(statistics.liveProperty().get()).isTrue();
    }

    @Test
    void aFinishedSessionCountsItsDurationToItsEnd() {
        script.add(details(SessionState.SUCCESS, STARTED.plusSeconds(3725), 100, 3725 * 2 * MIB, 0, 0,
                StageLoad.NONE, List.of()));

        statistics.follow();

        assertThat(statistics.durationProperty().get()).isEqualTo("1:02:05");
        assertThat(statistics.processingRateProperty().get()).isEqualTo("2.0 MiB/s");
        assertThat(statistics.transferredProperty().get()).as("no ratio without data").isEqualTo("0 B");
        assertThat(statistics.progressProperty().get()).isEqualTo(1.0);
        assertThat(statistics.liveProperty().get()).isFalse();
    }

    @Test
    void theBusiestStageIsNamedTheBottleneck() {
        for (var expected : List.of(
                new Object[] {new StageLoad(10, 30, 0, 85), "Target"},
                new Object[] {new StageLoad(91, 30, 12, 85), "Source"},
                new Object[] {new StageLoad(10, 64, 12, 5), "Proxy"},
                new Object[] {new StageLoad(10, 30, 77, 50), "Network"},
                new Object[] {StageLoad.NONE, ""})) {
            assertThat(SessionStatisticsViewModel.bottleneckOf((StageLoad) expected[0])).isEqualTo(expected[1]);
        }
        script.add(details(SessionState.RUNNING, null, 10, MIB, MIB, MIB, new StageLoad(10, 30, 0, 85), List.of()));

        statistics.follow();

        assertThat(statistics.bottleneckProperty().get()).isEqualTo("Target");
        assertThat(List.of(statistics.sourceLoadProperty().get(), statistics.proxyLoadProperty().get(),
                statistics.networkLoadProperty().get(), statistics.targetLoadProperty().get()))
                .containsExactly(10, 30, 0, 85);
    }

    @Test
    void theThroughputChartHasReadAndTransferredRatesOverTime() {
        SessionDetails running = details(SessionState.RUNNING, null, 10, MIB, MIB, MIB, StageLoad.NONE, List.of());
        script.add(new SessionDetails(running.session(), running.readBytes(), 0, 0, 0, running.load(),
                List.of(new RateSample(STARTED.plusSeconds(1), 200 * MIB, 50 * MIB),
                        new RateSample(STARTED.plusMillis(2500), 100 * MIB, 25 * MIB)), List.of()));

        statistics.follow();

        assertThat(statistics.throughput()).containsExactly(new RatePoint(1, 200, 50), new RatePoint(2.5, 100, 25));
    }

    @Test
    void aFailedVmShowsItsReasonAndItsLog() {
        SessionVmView db = vm(DB, "db", SessionState.FAILED, "The VM's folder /vms/db was deleted or moved.");
        script.add(details(SessionState.FAILED, STARTED.plusSeconds(20), 50, MIB, MIB, MIB, StageLoad.NONE,
                List.of(vm(WEB, "web", SessionState.SUCCESS, null), db)));

        statistics.follow();

        assertThat(statistics.vms()).extracting(VmRow::name, VmRow::status, VmRow::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("web", "Success", ""),
                org.assertj.core.groups.Tuple.tuple("db", "Failed", "The VM's folder /vms/db was deleted or moved."));
        assertThat(statistics.selectedVmProperty().get().name()).as("the first VM, until the admin chooses")
                .isEqualTo("web");
        assertThat(statistics.vmReasonProperty().get()).isEmpty();
        assertThat(statistics.vmLog()).containsExactly("Processing web", "web: done");

        statistics.selectedVmProperty().set(statistics.vms().get(1));

        assertThat(statistics.vmReasonProperty().get()).isEqualTo("The VM's folder /vms/db was deleted or moved.");
        assertThat(statistics.vmLog()).containsExactly("Processing db", "db: done");
        assertThat(statistics.vms().get(0).progress()).isEqualTo("3.0 MiB of 4.0 MiB (75 %)");
    }

    @Test
    void aVmWithoutAMessageOfItsOwnGivesItsDiskTasksReason() {
        SessionVmView vm = vm(DB, "db", SessionState.FAILED, null);
        SessionTaskView task = vm.tasks().getFirst();
        SessionTaskView failed = new SessionTaskView(task.id(), task.disk(), task.proxyName(), task.transportMode(),
                SessionState.FAILED, task.totalBytes(), task.doneBytes(), task.readBytes(), task.transferredBytes(),
                task.load(), task.startedAt(), task.endedAt(), "No ready proxy can read /vms/db/db.qcow2.");
        script.add(details(SessionState.FAILED, STARTED.plusSeconds(20), 50, MIB, MIB, MIB, StageLoad.NONE,
                List.of(new SessionVmView(vm.id(), vm.reference(), vm.name(), vm.state(), null, vm.startedAt(),
                        vm.endedAt(), List.of(failed), vm.log()))));

        statistics.follow();

        assertThat(statistics.vmReasonProperty().get()).isEqualTo("No ready proxy can read /vms/db/db.qcow2.");
    }

    @Test
    void itFollowsTheSessionWhileItRunsAndReadsAtOnceOnItsChangeEvents() {
        script.add(details(SessionState.RUNNING, null, 10, MIB, MIB, MIB, StageLoad.NONE,
                List.of(vm(WEB, "web", SessionState.RUNNING, null))));
        script.add(details(SessionState.RUNNING, null, 60, MIB, MIB, MIB, StageLoad.NONE,
                List.of(vm(WEB, "web", SessionState.RUNNING, null))));
        script.add(details(SessionState.SUCCESS, STARTED.plusSeconds(50), 100, MIB, MIB, MIB, StageLoad.NONE,
                List.of(vm(WEB, "web", SessionState.SUCCESS, null))));

        statistics.follow();
        assertThat(reads).isEqualTo(1);
        bus.publish(new ChangeEvent(1, Instant.now(), "sessions", ChangeAction.UPDATED, UUID.randomUUID(), "system"));
        bus.publish(new ChangeEvent(2, Instant.now(), "jobs", ChangeAction.UPDATED, SESSION, "system"));
        assertThat(reads).as("another session's change, another collection").isEqualTo(1);

        bus.publish(new ChangeEvent(3, Instant.now(), "sessions", ChangeAction.UPDATED, SESSION, "system"));
        assertThat(reads).isEqualTo(2);
        assertThat(statistics.progressTextProperty().get()).isEqualTo("60 %");

        scheduler.runDue();
        assertThat(reads).as("a second later").isEqualTo(3);
        assertThat(statistics.stateTextProperty().get()).isEqualTo("Success");
        assertThat(scheduler.waiting()).as("a finished session is not read again").isZero();
        bus.publish(new ChangeEvent(4, Instant.now(), "sessions", ChangeAction.UPDATED, SESSION, "system"));
        assertThat(reads).isEqualTo(3);
    }

    @Test
    void aClosedWindowStopsReadingAndListening() {
        script.add(details(SessionState.RUNNING, null, 10, MIB, MIB, MIB, StageLoad.NONE, List.of()));
        statistics.follow();

        statistics.close();
        scheduler.runDue();
        bus.publish(new ChangeEvent(1, Instant.now(), "sessions", ChangeAction.UPDATED, SESSION, "system"));

        assertThat(reads).isEqualTo(1);
    }

    @Test
    void aReadThatFailsSaysWhy() {
        failure = new IllegalStateException("The engine at 10.0.0.5:9392 does not answer.");

        statistics.follow();

        assertThat(statistics.problemProperty().get())
                .isEqualTo("Cannot read the session: The engine at 10.0.0.5:9392 does not answer.");
        assertThat(statistics.liveProperty().get()).isFalse();
    }

    private static SessionDetails details(SessionState state, Instant ended, int percent, long processed, long read,
                                          long transferred, StageLoad load, List<SessionVmView> vms) {
        return new SessionDetails(new SessionView(SESSION, UUID.randomUUID(), "Nightly", JobType.VM_BACKUP, state,
                STARTED, ended, percent, processed, transferred, null), read, 1, 2, 3, load, List.of(), vms);
    }

    private static SessionVmView vm(UUID id, String name, SessionState state, String message) {
        SessionTaskView task = new SessionTaskView(UUID.randomUUID(), "vda", "Built-in proxy",
                TransportMode.VIRTUAL_APPLIANCE, state, 4 * MIB, 3 * MIB, 3 * MIB, MIB, new StageLoad(1, 2, 3, 4),
                STARTED, STARTED.plusSeconds(10), null);
        return new SessionVmView(id, "vm:" + UUID.randomUUID() + ":/vms/" + name, name, state, message, STARTED,
                STARTED.plusSeconds(10), List.of(task), List.of("Processing " + name, name + ": done"));
    }
}
