package io.bulwark.engine.schedules;

import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.jobs.JobStore;
import io.bulwark.engine.runs.JobRuns;
import io.bulwark.engine.runs.RunKind;
import io.bulwark.engine.sessions.SessionStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.jobs.BackupWindow;
import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.RetryPolicy;
import io.bulwark.protocol.jobs.ScheduleKind;
import io.bulwark.protocol.sessions.SessionState;
import io.bulwark.protocol.sessions.SessionView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts jobs by their schedules: at their times (DAILY, MONTHLY, PERIODIC), after another job
 * (AFTER_JOB), again for the VMs that failed (retries), and stops them when their backup window
 * closes; starts health checks at theirs.
 *
 * <p>Everything happens in {@link #tick()}, on one thread: a virtual thread that ticks at each due
 * time and at least every {@value #MAX_SLEEP_SECONDS} seconds, or a test with a clock of its own.
 * Sessions that end only queue up here (the job engine reports them on its workers, some under its
 * own lock) and are handled at the next tick, which they wake. So no decision races another.
 *
 * <p>Each tick reads every job and recomputes what changed, rather than acting on the change events:
 * the tick must read the jobs for their due times anyway, and a schedule compared with the one it
 * was last computed for cannot be missed the way an event can (published before this listener was
 * subscribed, or lost to a failed tick). Job change events only wake the loop early, so an edit
 * takes effect at once.
 *
 * <p>Which sessions the schedules started, and the retries waiting, are kept in memory: after a
 * restart no retry of an earlier run follows (the next scheduled run reads every VM anyway).
 */
public class JobSchedules implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobSchedules.class);
    private static final long MAX_SLEEP_SECONDS = 30;
    private static final Duration MAX_SLEEP = Duration.ofSeconds(MAX_SLEEP_SECONDS);
    /** How late a run found at engine start may still start; later, it was missed. */
    static final Duration GRACE = Duration.ofMinutes(1);
    /** How many missed runs a report counts, at most (a 5-minute job down for a year misses 105,120). */
    private static final int MAX_COUNTED = 1000;
    private static final String JOBS = ApiPaths.collection(ApiPaths.JOBS);
    private static final String SESSIONS = ApiPaths.collection(ApiPaths.SESSIONS);
    /** What a job without a schedule of its own (or disabled) is remembered by. */
    private static final JobSchedule NONE = JobSchedule.MANUAL;

    private final JobStore jobs;
    private final ScheduleStore times;
    private final SessionStore sessions;
    private final ChangeEvents events;
    private final JobRuns runs;
    private final JobHealthCheck health;
    private final Executor healthThreads;
    private final Occurrences occurrences;
    private final Clock clock;

    private final ReentrantLock tickLock = new ReentrantLock();
    private final Queue<SessionView> ended = new ConcurrentLinkedQueue<>();
    private final Semaphore wake = new Semaphore(0);
    private final Set<UUID> checking = ConcurrentHashMap.newKeySet();

    // Below: touched by ticks only, under tickLock.
    /** The sessions the schedules started, by session id. */
    private final Map<UUID, Started> started = new HashMap<>();
    /** The retries waiting for their time, by job id. */
    private final Map<UUID, Retry> retries = new HashMap<>();
    /** The timing each job's next run (and next health check) was last computed for, by job id. */
    private final Map<UUID, JobSchedule> runTimings = new HashMap<>();
    private final Map<UUID, JobSchedule> healthTimings = new HashMap<>();
    /** Whether each windowed job's window was open at the last tick: a close is a change to closed. */
    private final Map<UUID, Boolean> windowOpen = new HashMap<>();
    private boolean engineStart = true;
    private Instant soonest;

    private volatile boolean closed;
    private Thread loop;
    private AutoCloseable subscription;

    /**
     * A run the schedules started.
     *
     * @param retry how many retries came before it (0 for the scheduled run)
     * @param chain the jobs started one after another up to this one (AFTER_JOB), to break loops
     */
    record Started(UUID jobId, int retry, List<UUID> chain) {
    }

    /** A retry of the failed VMs, due at {@code at}. */
    record Retry(Instant at, int retry, List<UUID> chain) {
    }

    public JobSchedules(JobStore jobs, ScheduleStore times, SessionStore sessions, ChangeEvents events,
                        JobRuns runs, JobHealthCheck health, Executor healthThreads, Occurrences occurrences,
                        Clock clock) {
        this.jobs = jobs;
        this.times = times;
        this.sessions = sessions;
        this.events = events;
        this.runs = runs;
        this.health = health;
        this.healthThreads = healthThreads;
        this.occurrences = occurrences;
        this.clock = clock;
        runs.whenSessionEnds(session -> {
            if (!closed) {
                ended.add(session);
                wake.release();
            }
        });
    }

    /** Ticks now (the engine's start: runs missed while it was down are reported), then as things come due. */
    public void start() {
        subscription = events.subscribe(this::changed);
        loop = Thread.ofVirtual().name("job schedules").start(this::loop);
    }

    private void loop() {
        while (!closed) {
            Instant next;
            try {
                next = tick();
            } catch (RuntimeException e) {
                // The next tick tries again; the database may be briefly unavailable.
                log.warn("The job schedules could not be checked: {}. Trying again in {} s.", e, MAX_SLEEP_SECONDS);
                next = clock.instant().plus(MAX_SLEEP);
            }
            long nanos = Math.clamp(Duration.between(clock.instant(), next).toNanos(), 1_000_000L,
                    MAX_SLEEP.toNanos());
            try {
                if (wake.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void changed(ChangeEvent event) {
        if (JOBS.equals(event.collection())) {
            wake.release();
        }
    }

    /**
     * Does what is due: handles the sessions that ended, starts due runs and retries, reports runs
     * missed while the engine was down (first tick only), stops runs whose window closed, starts due
     * health checks, and keeps every job's next times current.
     *
     * @return when something comes due next, or in {@value #MAX_SLEEP_SECONDS} s, whichever is sooner
     */
    public Instant tick() {
        tickLock.lock();
        try {
            Instant now = clock.instant();
            soonest = now.plus(MAX_SLEEP);
            List<JobView> all = jobs.list();
            Map<UUID, JobView> byId = all.stream().collect(Collectors.toMap(JobView::id, Function.identity()));
            for (SessionView session = ended.poll(); session != null; session = ended.poll()) {
                try {
                    sessionEnded(session, byId, all, now);
                } catch (RuntimeException e) {
                    log.warn("The end of session {} could not be handled: {}", session.id(), e.toString());
                }
            }
            Map<UUID, NextRun> stored = times.all();
            for (JobView job : all) {
                try {
                    NextRun next = stored.getOrDefault(job.id(), new NextRun(job.id(), null, null));
                    run(job, next.nextRunAt(), now);
                    healthCheck(job, next.nextHealthCheckAt(), now);
                    window(job, now);
                } catch (RuntimeException e) {
                    log.warn("The schedule of job '{}' could not be served: {}", job.name(), e.toString());
                }
            }
            dueRetries(byId, all, now);
            runTimings.keySet().retainAll(byId.keySet());
            healthTimings.keySet().retainAll(byId.keySet());
            windowOpen.keySet().retainAll(byId.keySet());
            engineStart = false;
            return soonest;
        } finally {
            tickLock.unlock();
        }
    }

    // ---- scheduled runs

    private void run(JobView job, Instant next, Instant now) {
        JobSchedule timing = job.enabled() ? timing(job.schedule()) : NONE;
        JobSchedule before = runTimings.put(job.id(), timing);
        if (timing == NONE) {
            if (next != null) {
                times.setNextRun(job.id(), null);
            }
            return;
        }
        // New since the engine started (or created since): keep a stored next run that fits the
        // schedule, since it may be a run missed while the engine was down. Edited: from now on.
        boolean recompute = before == null ? next == null || !occurrences.fits(timing, next, now)
                : !before.equals(timing) || next == null;
        if (recompute) {
            Instant first = occurrences.next(timing, now, null).orElseThrow();
            times.setNextRun(job.id(), first);
            consider(first, now);
            return;
        }
        if (next.isAfter(now)) {
            consider(next, now);
            return;
        }
        Instant following = occurrences.next(timing, now, next).orElseThrow();
        // Moved on before the start: should the engine die right after, this run is not started twice.
        times.setNextRun(job.id(), following);
        consider(following, now);
        if (engineStart && Duration.between(next, now).compareTo(GRACE) > 0) {
            missed(job, timing, next, following, now);
        } else {
            runScheduled(job, next, following, now);
        }
    }

    private void runScheduled(JobView job, Instant due, Instant following, Instant now) {
        String what = "scheduled run at " + occurrences.local(due);
        if (runs.isRunning(job.id())) {
            log.warn("Job '{}' skipped its {}: its previous run was still going. The next run is at {}.",
                    job.name(), what, occurrences.local(following));
            return;
        }
        if (!windowAllows(job, now)) {
            log.warn("Job '{}' did not start its {}: that hour is outside its backup window. The next run is at {}; "
                    + "change the schedule's time or window so that they meet.", job.name(), what,
                    occurrences.local(following));
            return;
        }
        // The full run reads every VM, the failed ones of a waiting retry too.
        retries.remove(job.id());
        start(job, RunKind.SCHEDULED, 0, List.of(job.id()), what, now);
    }

    /** Reports the runs missed while the engine was down as one FAILED session; none is run late. */
    private void missed(JobView job, JobSchedule timing, Instant first, Instant following, Instant now) {
        Instant last = first;
        int count = 1;
        for (Instant at = occurrences.next(timing, first, first).orElseThrow();
             !at.isAfter(now) && count < MAX_COUNTED; at = occurrences.next(timing, at, at).orElseThrow()) {
            last = at;
            count++;
        }
        String runs = count == 1 ? "Missed the scheduled run at " + occurrences.local(first)
                : "Missed " + (count == MAX_COUNTED ? "at least " : "") + count + " scheduled runs, from "
                + occurrences.local(first) + " to " + occurrences.local(last);
        String message = runs + ": the engine was not running. The next run is at " + occurrences.local(following)
                + "; start the job by hand to back it up now.";
        log.warn("Job '{}': {}", job.name(), message);
        report(job, first, last, message);
    }

    /** A FAILED session that never ran: the history shows it, and the console hears of it at once. */
    private void report(JobView job, Instant startedAt, Instant endedAt, String message) {
        SessionView session = new SessionView(UUID.randomUUID(), job.id(), job.name(), job.type(),
                SessionState.FAILED, startedAt, endedAt, 0, 0, 0, message);
        sessions.insert(session);
        events.publish(SESSIONS, ChangeAction.CREATED, session.id(), ChangeEvents.ENGINE);
    }

    /** @return whether the run started */
    private boolean start(JobView job, RunKind kind, int retry, List<UUID> chain, String what, Instant now) {
        try {
            SessionView session = runs.start(job.id(), kind);
            started.put(session.id(), new Started(job.id(), retry, chain));
            log.info("Job '{}' started its {}: session {}", job.name(), what, session.id());
            return true;
        } catch (ConflictException e) {
            // Running already (an operator was quicker), or nothing left to retry: nothing failed.
            log.warn("Job '{}' did not start its {}: {}", job.name(), what, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Job '{}' could not start its {}", job.name(), what, e);
            report(job, now, now, "The " + what + " could not start: " + e.getMessage());
        }
        return false;
    }

    // ---- sessions that ended: retries, then the jobs that follow

    private void sessionEnded(SessionView session, Map<UUID, JobView> byId, List<JobView> all, Instant now) {
        Started ours = started.remove(session.id());
        UUID jobId = session.jobId();
        if (jobId == null || session.jobType() == JobType.RESTORE || session.jobType() == JobType.HEALTH_CHECK) {
            return; // the job was deleted; restores and health checks are no runs of the job
        }
        if (ours == null) {
            // Started by hand (or before a restart): never retried, but its followers run.
            after(jobId, List.of(jobId), byId, all, now);
            return;
        }
        JobView job = byId.get(jobId);
        // A session is FAILED exactly when some of its VMs failed (skipped ones make it a WARNING):
        // those are what a RETRY run reads again.
        if (job != null && job.enabled() && session.state() == SessionState.FAILED) {
            RetryPolicy policy = job.schedule().retryPolicy();
            if (ours.retry() < policy.count()) {
                Instant endedAt = session.endedAt() == null ? now : session.endedAt();
                Retry retry = new Retry(endedAt.plus(Duration.ofMinutes(policy.waitMinutes())), ours.retry() + 1,
                        ours.chain());
                retries.put(jobId, retry);
                log.info("Job '{}' ended with failed VMs: they are retried at {} (retry {} of {}).", job.name(),
                        occurrences.local(retry.at()), retry.retry(), policy.count());
                return; // its followers wait for the last try
            }
            if (policy.count() > 0) {
                log.warn("Job '{}' ended with failed VMs after {} retries; none is left.", job.name(), ours.retry());
            }
        }
        after(jobId, ours.chain(), byId, all, now);
    }

    private void dueRetries(Map<UUID, JobView> byId, List<JobView> all, Instant now) {
        for (Iterator<Map.Entry<UUID, Retry>> it = retries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<UUID, Retry> entry = it.next();
            Retry retry = entry.getValue();
            if (retry.at().isAfter(now)) {
                consider(retry.at(), now);
                continue;
            }
            it.remove();
            JobView job = byId.get(entry.getKey());
            if (job == null) {
                continue;
            }
            String what = "retry " + retry.retry() + " of the VMs that failed";
            if (!job.enabled()) {
                log.info("Job '{}' was disabled: its {} is dropped.", job.name(), what);
            } else if (runs.isRunning(job.id())) {
                // Started by hand meanwhile: that run reads every VM, and its end starts the followers.
                log.info("Job '{}' is running already: its {} is dropped.", job.name(), what);
                continue;
            } else if (!windowAllows(job, now)) {
                log.warn("Job '{}' did not start its {}: that hour is outside its backup window. The next scheduled "
                        + "run reads them again.", job.name(), what);
            } else if (start(job, RunKind.RETRY, retry.retry(), retry.chain(), what, now)) {
                continue;
            }
            after(job.id(), retry.chain(), byId, all, now);
        }
    }

    /** Starts every enabled job scheduled to run after {@code jobId}. */
    private void after(UUID jobId, List<UUID> chain, Map<UUID, JobView> byId, List<JobView> all, Instant now) {
        for (JobView job : all) {
            JobSchedule schedule = job.schedule();
            if (!job.enabled() || schedule.kind() != ScheduleKind.AFTER_JOB || !jobId.equals(schedule.afterJobId())) {
                continue;
            }
            JobView previous = byId.get(jobId);
            String what = "run after job '" + (previous == null ? jobId : previous.name()) + "'";
            if (chain.contains(job.id())) {
                log.warn("Job '{}' did not start its {}: it ran earlier in this chain, so its jobs follow one another "
                        + "in a loop. Schedule one of them at a time of day instead.", job.name(), what);
            } else if (runs.isRunning(job.id())) {
                log.warn("Job '{}' skipped its {}: its previous run was still going.", job.name(), what);
            } else if (!windowAllows(job, now)) {
                log.warn("Job '{}' did not start its {}: that hour is outside its backup window.", job.name(), what);
            } else {
                List<UUID> longer = new ArrayList<>(chain);
                longer.add(job.id());
                start(job, RunKind.SCHEDULED, 0, List.copyOf(longer), what, now);
            }
        }
    }

    // ---- the backup window

    private void window(JobView job, Instant now) {
        BackupWindow window = job.schedule().window();
        if (window == null) {
            windowOpen.remove(job.id());
            return;
        }
        boolean open = window.allows(local(now));
        Boolean was = windowOpen.put(job.id(), open);
        // Only a close stops a run: one started by hand outside the window runs until the window has
        // opened and closed again, as an operator who started it then would expect.
        if (Boolean.TRUE.equals(was) && !open && runs.isRunning(job.id())) {
            String reason = "The backup window closed at " + closedAt(window, now) + ": the job may run only in "
                    + "the hours its schedule allows. The VMs it had not finished are backed up by its next run; "
                    + "widen the window if runs need longer.";
            try {
                runs.stop(job.id(), reason);
                log.info("Job '{}' stopped: {}", job.name(), reason);
            } catch (ConflictException e) {
                log.debug("Job '{}' ended before its window closed on it: {}", job.name(), e.getMessage());
            }
        }
        if (runs.isRunning(job.id())) {
            consider(local(now).truncatedTo(ChronoUnit.HOURS).plusHours(1).atZone(occurrences.zone()).toInstant(),
                    now);
        }
    }

    /** The hour the window closed: the start of the run of closed hours that holds now (a week at most). */
    private String closedAt(BackupWindow window, Instant now) {
        LocalDateTime hour = local(now).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 7 * 24 && !window.allows(hour.minusHours(1)); i++) {
            hour = hour.minusHours(1);
        }
        return hour.toLocalTime().toString();
    }

    private boolean windowAllows(JobView job, Instant now) {
        BackupWindow window = job.schedule().window();
        return window == null || window.allows(local(now));
    }

    // ---- health checks

    private void healthCheck(JobView job, Instant next, Instant now) {
        JobSchedule check = job.storage() == null ? null : job.storage().healthCheck();
        JobSchedule timing = job.enabled() && check != null ? timing(check) : NONE;
        JobSchedule before = healthTimings.put(job.id(), timing);
        if (timing == NONE) {
            if (next != null) {
                times.setNextHealthCheck(job.id(), null);
            }
            return;
        }
        boolean recompute = before == null ? next == null || !occurrences.fits(timing, next, now)
                : !before.equals(timing) || next == null;
        if (recompute) {
            Instant first = occurrences.next(timing, now, null).orElseThrow();
            times.setNextHealthCheck(job.id(), first);
            consider(first, now);
            return;
        }
        if (next.isAfter(now)) {
            consider(next, now);
            return;
        }
        if (runs.isRunning(job.id()) || checking.contains(job.id())) {
            return; // stays due: checked at the first tick after the run (or the last check) ends
        }
        Instant following = occurrences.next(timing, now, null).orElseThrow();
        times.setNextHealthCheck(job.id(), following);
        consider(following, now);
        // Unlike a backup, a check run late harms nothing and one skipped leaves damage unseen: it runs.
        if (engineStart && Duration.between(next, now).compareTo(GRACE) > 0) {
            log.warn("Job '{}' missed its health check at {} while the engine was not running: checking now.",
                    job.name(), occurrences.local(next));
        }
        UUID jobId = job.id();
        checking.add(jobId);
        try {
            healthThreads.execute(() -> {
                try {
                    health.check(jobId);
                } catch (ConflictException e) {
                    log.info("The scheduled health check of job '{}' did not start: {}", job.name(), e.getMessage());
                } catch (RuntimeException e) {
                    log.warn("The health check of job '{}' failed", job.name(), e);
                } finally {
                    checking.remove(jobId);
                }
            });
        } catch (RuntimeException e) {
            checking.remove(jobId);
            throw e;
        }
    }

    // ---- helpers

    /** What a schedule's times depend on: not its retries or window, whose edits keep the next run. */
    private static JobSchedule timing(JobSchedule schedule) {
        return switch (schedule.kind()) {
            case MANUAL, AFTER_JOB -> NONE;
            case DAILY, MONTHLY, PERIODIC -> new JobSchedule(schedule.kind(), schedule.time(), schedule.days(),
                    schedule.everyMinutes(), schedule.dayOfMonth(), null, null, null);
        };
    }

    private LocalDateTime local(Instant at) {
        return LocalDateTime.ofInstant(at, occurrences.zone());
    }

    private void consider(Instant at, Instant now) {
        if (at.isAfter(now) && at.isBefore(soonest)) {
            soonest = at;
        }
    }

    @Override
    public void close() throws Exception {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
        wake.release();
        if (loop != null && !loop.join(Duration.ofSeconds(10))) {
            loop.interrupt();
        }
    }
}
