package io.bulwark.protocol.jobs;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;
import java.util.UUID;

/**
 * When a job runs, computed by the engine in its own time zone. Only the fields of the
 * {@link ScheduleKind} are set; the others are null (or empty).
 *
 * @param retries what happens to VMs that failed in a scheduled run; null means {@link RetryPolicy#DEFAULT}
 * @param window  the hours the job may run in; a run still going when its window closes is stopped.
 *                Null means any time
 */
public record JobSchedule(ScheduleKind kind, LocalTime time, Set<DayOfWeek> days, Integer everyMinutes,
                          Integer dayOfMonth, UUID afterJobId, RetryPolicy retries, BackupWindow window) {
    public static final JobSchedule MANUAL = new JobSchedule(ScheduleKind.MANUAL, null, Set.of(), null, null, null,
            null, null);

    public static JobSchedule daily(LocalTime time, Set<DayOfWeek> days) {
        return new JobSchedule(ScheduleKind.DAILY, time, days, null, null, null, null, null);
    }

    public static JobSchedule monthly(LocalTime time, int dayOfMonth) {
        return new JobSchedule(ScheduleKind.MONTHLY, time, Set.of(), null, dayOfMonth, null, null, null);
    }

    public static JobSchedule periodic(int everyMinutes) {
        return new JobSchedule(ScheduleKind.PERIODIC, null, Set.of(), everyMinutes, null, null, null, null);
    }

    public static JobSchedule afterJob(UUID jobId) {
        return new JobSchedule(ScheduleKind.AFTER_JOB, null, Set.of(), null, null, jobId, null, null);
    }

    public JobSchedule withRetries(RetryPolicy policy) {
        return new JobSchedule(kind, time, days, everyMinutes, dayOfMonth, afterJobId, policy, window);
    }

    public JobSchedule withWindow(BackupWindow allowed) {
        return new JobSchedule(kind, time, days, everyMinutes, dayOfMonth, afterJobId, retries, allowed);
    }

    public RetryPolicy retryPolicy() {
        return retries == null ? RetryPolicy.DEFAULT : retries;
    }
}
