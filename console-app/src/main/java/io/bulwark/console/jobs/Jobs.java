package io.bulwark.console.jobs;

import io.bulwark.console.common.Detail;
import io.bulwark.console.common.Formats;
import io.bulwark.console.table.Column;
import io.bulwark.console.table.TableDefinition;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobSchedule;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.jobs.Retention;
import io.bulwark.protocol.jobs.RetentionUnit;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Home › Jobs: the backup jobs. */
public final class Jobs {
    private Jobs() {
    }

    public static TableDefinition<JobRow> definition() {
        return TableDefinition.of("Jobs", "job", ApiPaths.JOBS, JobRow.class,
                // The repository column shows the repository's name, which can change on its own; the
                // status and last result come from the sessions.
                List.of(ApiPaths.REPOSITORIES, ApiPaths.SESSIONS),
                List.of(Column.of("Name", 220, JobRow::name),
                        Column.formatted("Type", 110, row -> row.job().type(), Formats::label),
                        Column.of("Status", 110, JobRow::status),
                        Column.explained("Last result", 100, JobRow::lastResult, Formats::text,
                                row -> row.lastSession() == null ? null : row.lastSession().message()),
                        Column.formatted("Last run", 150, row -> row.lastSession() == null ? null
                                : row.lastSession().startedAt(), Formats::instant),
                        Column.of("Repository", 200, row -> row.job().repositoryName()),
                        Column.formatted("Schedule", 200, row -> row.job().schedule(), Jobs::schedule)),
                // Not the table's Remove: Delete… asks whether the job's backups go too.
                Jobs::details, false);
    }

    static String schedule(JobSchedule schedule) {
        if (schedule == null) {
            return "Manual";
        }
        return switch (schedule.kind()) {
            case MANUAL -> "Manual";
            case DAILY -> "Daily at " + schedule.time() + days(schedule);
            case MONTHLY -> "Monthly on day " + schedule.dayOfMonth() + " at " + schedule.time();
            case PERIODIC -> schedule.everyMinutes() % 60 == 0
                    ? "Every " + hours(schedule.everyMinutes() / 60)
                    : "Every " + schedule.everyMinutes() + " minutes";
            case AFTER_JOB -> "After another job";
        };
    }

    private static String hours(int hours) {
        return hours == 1 ? "hour" : hours + " hours";
    }

    private static String days(JobSchedule schedule) {
        if (schedule.days() == null || schedule.days().isEmpty() || schedule.days().size() == DayOfWeek.values().length) {
            return "";
        }
        return " on " + schedule.days().stream().sorted()
                .map(day -> day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .collect(Collectors.joining(", "));
    }

    private static String retention(Retention retention) {
        Retention kept = retention == null ? Retention.DEFAULT : retention;
        return kept.value() + (kept.unit() == RetentionUnit.DAYS ? " days" : " restore points");
    }

    private static List<Detail> details(JobRow row) {
        JobView job = row.job();
        return List.of(
                new Detail("Name", job.name()),
                new Detail("Description", Formats.text(job.description())),
                new Detail("Type", Formats.label(job.type())),
                new Detail("Repository", Formats.text(job.repositoryName())),
                new Detail("Objects", job.objects() == null ? ""
                        : job.objects().stream().map(JobObject::reference).collect(Collectors.joining(", "))),
                new Detail("Schedule", schedule(job.schedule())),
                new Detail("Retention", retention(job.retention())),
                new Detail("Enabled", Formats.yesNo(job.enabled())),
                new Detail("Status", row.status()),
                new Detail("Last result", row.lastResult()),
                new Detail("Created", Formats.instant(job.createdAt())),
                new Detail("Changed", Formats.instant(job.updatedAt())));
    }
}
