package io.bulwark.engine.schedules;

import static io.bulwark.engine.schedules.OccurrencesTest.BERLIN;
import static io.bulwark.engine.schedules.OccurrencesTest.berlin;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Columns;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.jobs.JobSecrets;
import io.bulwark.engine.jobs.JobService;
import io.bulwark.engine.jobs.JobStore;
import io.bulwark.engine.runs.JobRuns;
import io.bulwark.engine.runs.RunKind;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.engine.sessions.SessionStore;
import io.bulwark.engine.testing.MigratedDatabase;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.jobs.BackupWindow;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.RetryPolicy;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schedule ticker on a migrated H2 database, with a clock the test moves and a job engine that
 * only records what it is asked and ends sessions when the test says. No test sleeps: each calls
 * {@link JobSchedules#tick()} where the engine's loop would.
 */
class JobSchedulesTest {
    static final Set<DayOfWeek> EVERY_DAY = Set.of(DayOfWeek.values());

    @TempDir
    Path temp;
    MigratedDatabase database;
    MutableClock clock;
    JobService jobs;
    ScheduleStore times;
    SessionStore sessions;
    ChangeEvents events;
    FakeRuns runs;
    List<UUID> healthChecks;
    UUID repositoryId;
    List<ChangeEvent> published;

    @BeforeEach
    void setUp() {
        database = new MigratedDatabase(temp.resolve("data"));
        clock = new MutableClock(berlin(2026, 11, 24, 12, 0)); // a Tuesday
        Lookups lookups = new Lookups(database.jdbc());
        UUID serverId = new ServerService(new ServerStore(database.jdbc()), lookups, clock)
                .createBuiltIn("localhost", null).id();
        repositoryId = UUID.randomUUID();
        database.jdbc().sql("""
                INSERT INTO backup_repositories (id, name, name_key, server_id, path, max_concurrent_tasks,
                    encryption_enabled, built_in, created_at, updated_at)
                VALUES (?, 'Default', 'default', ?, '/srv/backups', 4, FALSE, TRUE, ?, ?)""")
                .params(repositoryId, serverId, Columns.timestamp(clock.instant()), Columns.timestamp(clock.instant()))
                .update();
        JobStore jobStore = new JobStore(database.jdbc());
        // These jobs have no password of their own: nothing is sealed, nothing is resealed.
        jobs = new JobService(jobStore, new JobSecrets(jobStore, null), (job, before, after, hint) -> {
            throw new AssertionError("no job here has a password to change");
        }, lookups, clock);
        times = new ScheduleStore(database.jdbc());
        sessions = new SessionStore(database.jdbc());
        events = new ChangeEvents(clock);
        published = new CopyOnWriteArrayList<>();
        events.subscribe(published::add);
        runs = new FakeRuns(clock);
        healthChecks = new CopyOnWriteArrayList<>();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    /** A ticker as the engine makes one at start; health checks run on the ticking thread. */
    JobSchedules engineStarts() {
        return new JobSchedules(new JobStore(database.jdbc()), times, sessions, events, runs, healthChecks::add,
                Runnable::run, new Occurrences(BERLIN), clock);
    }

    @Test
    void aDueJobStartsOnceAndMovesToItsNextRun() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Nightly", JobSchedule.daily(LocalTime.of(22, 0), EVERY_DAY));

        schedules.tick();
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 24, 22, 0));
        clock.set(berlin(2026, 11, 24, 21, 59).plusSeconds(50));
        assertThat(schedules.tick()).as("wakes at the due time").isEqualTo(berlin(2026, 11, 24, 22, 0));
        assertThat(runs.starts).isEmpty();

        clock.set(berlin(2026, 11, 24, 22, 0).plusMillis(3));
        schedules.tick();
        schedules.tick();

        assertThat(runs.starts).singleElement().isEqualTo(new Start(job.id(), RunKind.SCHEDULED));
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 25, 22, 0));
        assertThat(schedules.tick()).as("nothing due soon: 30 s").isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void aRunStillGoingSkipsTheOccurrenceAndTheScheduleMovesOn() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Hourly", JobSchedule.periodic(60));
        schedules.tick();
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 24, 13, 0));
        clock.set(berlin(2026, 11, 24, 13, 0));
        schedules.tick();
        assertThat(runs.starts).hasSize(1);

        clock.set(berlin(2026, 11, 24, 14, 0));
        schedules.tick();

        assertThat(runs.starts).as("the 14:00 run is skipped: 13:00 still runs").hasSize(1);
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 24, 15, 0));
        runs.end(job.id(), SessionState.SUCCESS);
        clock.set(berlin(2026, 11, 24, 15, 0));
        schedules.tick();
        assertThat(runs.starts).hasSize(2);
    }

    @Test
    void aScheduledRunOutsideItsWindowDoesNotStart() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Nightly", JobSchedule.daily(LocalTime.of(22, 0), EVERY_DAY).withWindow(window(0, 1, 2, 3)));
        schedules.tick();

        clock.set(berlin(2026, 11, 24, 22, 0));
        schedules.tick();

        assertThat(runs.starts).isEmpty();
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 25, 22, 0));
    }

    @Test
    void aRunIsStoppedWhenItsWindowClosesButNotWhenStartedByHandOutsideIt() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Nightly", JobSchedule.daily(LocalTime.of(22, 0), EVERY_DAY).withWindow(window(22, 23)));
        runs.startByHand(job.id()); // at 12:00, outside the window
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 13, 0));
        schedules.tick();
        assertThat(runs.stops).as("the window never closed on it").isEmpty();
        runs.end(job.id(), SessionState.SUCCESS);

        clock.set(berlin(2026, 11, 24, 22, 0));
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 23, 59).plusSeconds(45));
        assertThat(schedules.tick()).as("wakes when the hour turns").isEqualTo(berlin(2026, 11, 25, 0, 0));
        assertThat(runs.stops).isEmpty();
        clock.set(berlin(2026, 11, 25, 0, 0).plusSeconds(2));
        schedules.tick();

        assertThat(runs.stops).singleElement().asString().startsWith("The backup window closed at 00:00: ")
                .contains("next run");
        assertThat(runs.isRunning(job.id())).isFalse();
    }

    @Test
    void jobsScheduledAfterAJobStartWhenItsSessionEnds() {
        JobSchedules schedules = engineStarts();
        JobView first = job("First", JobSchedule.MANUAL);
        JobView second = job("Second", JobSchedule.afterJob(first.id()));
        JobView disabled = job("Disabled", JobSchedule.afterJob(first.id()), false);
        JobView other = job("Other", JobSchedule.afterJob(second.id()));
        runs.startByHand(first.id());
        schedules.tick();
        assertThat(runs.starts).isEmpty();

        runs.end(first.id(), SessionState.WARNING);
        schedules.tick();

        assertThat(runs.starts).containsExactly(new Start(second.id(), RunKind.SCHEDULED));
        assertThat(nextRun(second)).as("no time of its own").isNull();
        runs.end(second.id(), SessionState.SUCCESS);
        schedules.tick();
        assertThat(runs.starts).extracting(Start::jobId).containsExactly(second.id(), other.id());
        assertThat(runs.starts).extracting(Start::jobId).doesNotContain(disabled.id());
    }

    @Test
    void jobsThatFollowOneAnotherInALoopRunOnceEach() {
        JobSchedules schedules = engineStarts();
        JobView a = job("A", JobSchedule.MANUAL);
        JobView b = job("B", JobSchedule.afterJob(a.id()));
        jobs.update(a.id(), request("A", JobSchedule.afterJob(b.id()), true), Caller.SYSTEM);
        runs.startByHand(a.id());

        runs.end(a.id(), SessionState.SUCCESS);
        schedules.tick();
        runs.end(b.id(), SessionState.SUCCESS);
        schedules.tick();

        assertThat(runs.starts).extracting(Start::jobId).containsExactly(b.id());
    }

    @Test
    void failedVmsAreRetriedAfterTheWaitUpToTheCountAndTheFollowersWaitForTheLastTry() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Nightly", JobSchedule.daily(LocalTime.of(22, 0), EVERY_DAY)
                .withRetries(new RetryPolicy(2, 10)));
        JobView follower = job("Follower", JobSchedule.afterJob(job.id()));
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 22, 0));
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 22, 40));
        runs.end(job.id(), SessionState.FAILED);

        schedules.tick();
        clock.set(berlin(2026, 11, 24, 22, 49).plusSeconds(45));
        assertThat(schedules.tick()).as("wakes for the retry").isEqualTo(berlin(2026, 11, 24, 22, 50));
        assertThat(runs.starts).hasSize(1);
        clock.set(berlin(2026, 11, 24, 22, 50));
        schedules.tick();
        assertThat(runs.starts).extracting(Start::kind).containsExactly(RunKind.SCHEDULED, RunKind.RETRY);

        clock.set(berlin(2026, 11, 24, 22, 55));
        runs.end(job.id(), SessionState.FAILED);
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 23, 5));
        schedules.tick();
        assertThat(runs.starts).extracting(Start::kind)
                .containsExactly(RunKind.SCHEDULED, RunKind.RETRY, RunKind.RETRY);
        assertThat(runs.starts).extracting(Start::jobId).doesNotContain(follower.id());

        clock.set(berlin(2026, 11, 24, 23, 10));
        runs.end(job.id(), SessionState.FAILED);
        schedules.tick();
        clock.set(berlin(2026, 11, 25, 1, 0));
        schedules.tick();

        assertThat(runs.starts).as("two retries, then the follower once")
                .containsExactly(new Start(job.id(), RunKind.SCHEDULED), new Start(job.id(), RunKind.RETRY),
                        new Start(job.id(), RunKind.RETRY), new Start(follower.id(), RunKind.SCHEDULED));
    }

    @Test
    void aRetrySucceedingEndsTheRetriesAndWarningsAreNotRetried() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Every two hours", JobSchedule.periodic(120));
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 14, 0));
        schedules.tick();
        runs.end(job.id(), SessionState.FAILED);
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 14, 10));
        schedules.tick();
        runs.end(job.id(), SessionState.SUCCESS);
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 16, 0));
        schedules.tick();
        runs.end(job.id(), SessionState.WARNING);
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 17, 0));
        schedules.tick();

        assertThat(runs.starts).extracting(Start::kind)
                .containsExactly(RunKind.SCHEDULED, RunKind.RETRY, RunKind.SCHEDULED);
    }

    @Test
    void aScheduledRunComingFirstTakesThePlaceOfAWaitingRetry() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Hourly", JobSchedule.periodic(60).withRetries(new RetryPolicy(1, 45)));
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 13, 0));
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 13, 30));
        runs.end(job.id(), SessionState.FAILED);
        schedules.tick();

        clock.set(berlin(2026, 11, 24, 14, 0));
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 14, 5));
        runs.end(job.id(), SessionState.SUCCESS);
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 14, 15));
        schedules.tick();

        assertThat(runs.starts).extracting(Start::kind).containsExactly(RunKind.SCHEDULED, RunKind.SCHEDULED);
    }

    @Test
    void runsStartedByHandAreNotRetried() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Nightly", JobSchedule.daily(LocalTime.of(22, 0), EVERY_DAY));
        runs.startByHand(job.id());
        schedules.tick();

        runs.end(job.id(), SessionState.FAILED);
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 13, 0));
        schedules.tick();

        assertThat(runs.starts).isEmpty();
    }

    @Test
    void aRunMissedWhileTheEngineWasDownIsReportedAsAFailedSessionAndNotRun() {
        JobView job = job("Nightly", JobSchedule.daily(LocalTime.of(22, 0), EVERY_DAY));
        JobView justLate = job("Hourly", JobSchedule.periodic(60));
        engineStarts().tick();
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 24, 22, 0));
        assertThat(nextRun(justLate)).isEqualTo(berlin(2026, 11, 24, 13, 0));
        // The engine stops, and starts again the next morning at 09:00: the nightly run of 22:00 went by
        // meanwhile; the hourly job's run (stored as due at 08:59:30) is only 30 s late.
        clock.set(berlin(2026, 11, 25, 9, 0));
        times.setNextRun(justLate.id(), berlin(2026, 11, 25, 8, 59).plusSeconds(30));
        published.clear();

        engineStarts().tick();

        assertThat(runs.starts).as("only the run 30 s late starts").containsExactly(
                new Start(justLate.id(), RunKind.SCHEDULED));
        List<SessionView> history = sessions.newest(10);
        assertThat(history).singleElement().satisfies(session -> {
            assertThat(session.jobId()).isEqualTo(job.id());
            assertThat(session.jobName()).isEqualTo("Nightly");
            assertThat(session.state()).isEqualTo(SessionState.FAILED);
            assertThat(session.startedAt()).isEqualTo(berlin(2026, 11, 24, 22, 0));
            assertThat(session.endedAt()).isEqualTo(berlin(2026, 11, 24, 22, 0));
            assertThat(session.message()).isEqualTo("Missed the scheduled run at 2026-11-24 22:00: the engine was "
                    + "not running. The next run is at 2026-11-25 22:00; start the job by hand to back it up now.");
            assertThat(published).extracting(ChangeEvent::collection, ChangeEvent::action, ChangeEvent::id)
                    .contains(org.assertj.core.groups.Tuple.tuple("sessions", ChangeAction.CREATED, session.id()));
        });
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 25, 22, 0));
        assertThat(nextRun(justLate)).isEqualTo(berlin(2026, 11, 25, 9, 59).plusSeconds(30));
    }

    @Test
    void severalMissedRunsAreCountedInOneReport() {
        JobView job = job("Every six hours", JobSchedule.periodic(360));
        engineStarts().tick();
        clock.set(berlin(2026, 11, 25, 12, 30));

        JobSchedules schedules = engineStarts();
        schedules.tick();
        schedules.tick();

        assertThat(runs.starts).isEmpty();
        assertThat(sessions.newest(10)).singleElement().extracting(SessionView::message).isEqualTo(
                "Missed 4 scheduled runs, from 2026-11-24 18:00 to 2026-11-25 12:00: the engine was not running. "
                        + "The next run is at 2026-11-25 18:00; start the job by hand to back it up now.");
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 25, 18, 0));
    }

    @Test
    void editsDisablingAndEnablingKeepTheNextRunCurrent() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Nightly", JobSchedule.daily(LocalTime.of(22, 0), EVERY_DAY));
        schedules.tick();
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 24, 22, 0));

        jobs.update(job.id(), request("Nightly", JobSchedule.daily(LocalTime.of(23, 30), EVERY_DAY)
                .withRetries(RetryPolicy.NONE), true), Caller.SYSTEM);
        schedules.tick();
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 24, 23, 30));

        jobs.update(job.id(), request("Nightly", JobSchedule.daily(LocalTime.of(23, 30), EVERY_DAY), false),
                Caller.SYSTEM);
        schedules.tick();
        assertThat(nextRun(job)).isNull();
        clock.set(berlin(2026, 11, 24, 23, 30));
        schedules.tick();
        assertThat(runs.starts).isEmpty();

        clock.set(berlin(2026, 11, 25, 8, 0));
        jobs.update(job.id(), request("Nightly", JobSchedule.daily(LocalTime.of(23, 30), EVERY_DAY), true),
                Caller.SYSTEM);
        schedules.tick();
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 25, 23, 30));
        assertThat(sessions.newest(10)).as("a disabled job misses nothing").isEmpty();

        jobs.update(job.id(), request("Nightly", JobSchedule.MANUAL, true), Caller.SYSTEM);
        schedules.tick();
        assertThat(times.find(job.id())).contains(new NextRun(job.id(), null, null));
    }

    @Test
    void aWindowOrRetryEditKeepsAPeriodicJobOnItsGrid() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Hourly", JobSchedule.periodic(60));
        schedules.tick();
        clock.set(berlin(2026, 11, 24, 12, 20));

        jobs.update(job.id(), request("Hourly", JobSchedule.periodic(60).withRetries(new RetryPolicy(1, 5)), true),
                Caller.SYSTEM);
        schedules.tick();

        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 24, 13, 0));
    }

    @Test
    void healthChecksRunWhenDueButNotWhileTheJobRuns() {
        JobSchedules schedules = engineStarts();
        JobSchedule monthly = JobSchedule.monthly(LocalTime.of(3, 0), 31);
        JobView job = jobs.create(new JobRequest("Checked", null, JobType.VM_BACKUP, repositoryId, List.of(),
                JobSchedule.MANUAL, null, new JobStorage(List.of(), null, 0, monthly), null, true), Caller.SYSTEM);
        schedules.tick();
        assertThat(times.find(job.id()).orElseThrow().nextHealthCheckAt()).isEqualTo(berlin(2026, 11, 30, 3, 0));

        runs.startByHand(job.id());
        clock.set(berlin(2026, 11, 30, 3, 0));
        schedules.tick();
        assertThat(healthChecks).as("waits for the run").isEmpty();
        runs.end(job.id(), SessionState.SUCCESS);
        clock.set(berlin(2026, 11, 30, 3, 20));
        schedules.tick();

        assertThat(healthChecks).containsExactly(job.id());
        assertThat(times.find(job.id()).orElseThrow().nextHealthCheckAt()).isEqualTo(berlin(2026, 12, 31, 3, 0));
    }

    @Test
    void aRunThatCannotStartIsReportedAsAFailedSession() {
        JobSchedules schedules = engineStarts();
        JobView job = job("Nightly", JobSchedule.daily(LocalTime.of(22, 0), EVERY_DAY));
        schedules.tick();
        runs.refuse = new IllegalStateException("The repository 'Default' is not ready: check its server.");
        clock.set(berlin(2026, 11, 24, 22, 0));

        schedules.tick();

        assertThat(sessions.newest(10)).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SessionState.FAILED);
            assertThat(s.message()).isEqualTo("The scheduled run at 2026-11-24 22:00 could not start: "
                    + "The repository 'Default' is not ready: check its server.");
        });
        assertThat(nextRun(job)).isEqualTo(berlin(2026, 11, 25, 22, 0));
    }

    // ---- fixtures

    JobView job(String name, JobSchedule schedule) {
        return job(name, schedule, true);
    }

    JobView job(String name, JobSchedule schedule, boolean enabled) {
        return jobs.create(request(name, schedule, enabled), Caller.SYSTEM);
    }

    JobRequest request(String name, JobSchedule schedule, boolean enabled) {
        return new JobRequest(name, null, JobType.VM_BACKUP, repositoryId, List.of(), schedule, null, null, null, enabled);
    }

    Instant nextRun(JobView job) {
        return times.find(job.id()).orElseThrow().nextRunAt();
    }

    static BackupWindow window(Integer... hours) {
        Map<DayOfWeek, Set<Integer>> allowed = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            allowed.put(day, Set.of(hours));
        }
        return new BackupWindow(allowed);
    }

    record Start(UUID jobId, RunKind kind) {
    }

    /** A job engine that records what it is asked and ends a session when the test says. */
    static final class FakeRuns implements JobRuns {
        final List<Start> starts = new ArrayList<>();
        final List<String> stops = new ArrayList<>();
        final Map<UUID, SessionView> running = new HashMap<>();
        final List<Consumer<SessionView>> listeners = new ArrayList<>();
        final Clock clock;
        RuntimeException refuse;

        FakeRuns(Clock clock) {
            this.clock = clock;
        }

        @Override
        public SessionView start(UUID jobId, RunKind kind) {
            if (refuse != null) {
                throw refuse;
            }
            SessionView session = begin(jobId);
            starts.add(new Start(jobId, kind));
            return session;
        }

        /** A run an operator started, which the schedules did not. */
        void startByHand(UUID jobId) {
            begin(jobId);
        }

        private SessionView begin(UUID jobId) {
            if (running.containsKey(jobId)) {
                throw new ConflictException("The job is running already.");
            }
            SessionView session = new SessionView(UUID.randomUUID(), jobId, "job", JobType.VM_BACKUP,
                    SessionState.RUNNING, clock.instant(), null, 0, 0, 0, null);
            running.put(jobId, session);
            return session;
        }

        void end(UUID jobId, SessionState state) {
            SessionView s = running.remove(jobId);
            SessionView ended = new SessionView(s.id(), s.jobId(), s.jobName(), s.jobType(), state, s.startedAt(),
                    clock.instant(), 100, 0, 0, null);
            listeners.forEach(listener -> listener.accept(ended));
        }

        @Override
        public SessionView stop(UUID jobId, String reason) {
            if (!running.containsKey(jobId)) {
                throw new ConflictException("The job is not running.");
            }
            stops.add(reason);
            SessionView session = running.get(jobId);
            end(jobId, SessionState.STOPPED);
            return session;
        }

        @Override
        public boolean isRunning(UUID jobId) {
            return running.containsKey(jobId);
        }

        @Override
        public void whenSessionEnds(Consumer<SessionView> listener) {
            listeners.add(listener);
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
