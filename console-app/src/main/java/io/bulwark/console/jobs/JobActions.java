package io.bulwark.console.jobs;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobView;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.EncryptionView;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * What an operator does to jobs from the Jobs view: Start, Stop, Retry, Active Full, Health Check,
 * Edit…, Disable/Enable and Delete…. The actions only ask the engine; the table and the sessions follow
 * through the change events. What the engine refuses (409: running already, nothing to retry) is
 * shown as it says it.
 */
public final class JobActions {
    private final JobApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final EventBus bus;

    public JobActions(JobApi api, TaskExecutor tasks, DialogService dialogs, EventBus bus) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.bus = bus;
    }

    /**
     * @param newJob  runs New Backup Job
     * @param editJob runs Edit on a job
     */
    public List<RowAction<JobRow>> actions(Runnable newJob, Consumer<JobView> editJob) {
        return List.of(
                RowAction.always("action-new-job", "Backup Job…", Material2AL.ADD_CIRCLE_OUTLINE, newJob),
                onJob("action-start-job", "Start", Material2MZ.PLAY_ARROW,
                        row -> row.job().enabled() && !row.running(), job -> act(job, JobAction.START)),
                onJob("action-stop-job", "Stop", Material2MZ.STOP, JobRow::running, job -> act(job, JobAction.STOP)),
                // The engine says when there is nothing to retry; the console cannot know every VM's result.
                onJob("action-retry-job", "Retry", Material2MZ.REPLAY,
                        row -> row.job().enabled() && !row.running() && row.lastSession() != null,
                        job -> act(job, JobAction.RETRY)),
                onJob("action-active-full", "Active Full", Material2AL.FIBER_MANUAL_RECORD,
                        row -> row.job().enabled() && !row.running(), job -> act(job, JobAction.ACTIVE_FULL)),
                // Reads the job's restore points back now, rather than at the health check's schedule.
                onJob("action-health-check", "Health Check", Material2AL.FACT_CHECK,
                        row -> !row.running() && row.lastSession() != null, job -> act(job, JobAction.HEALTH_CHECK)),
                onJob("action-edit-job", "Edit…", Material2AL.EDIT, row -> true, editJob),
                onJob("action-disable-job", "Disable / Enable", Material2AL.BLOCK, row -> true, this::toggleEnabled),
                onJob("action-delete-job", "Delete…", Material2AL.DELETE_OUTLINE, row -> !row.running(), this::delete));
    }

    private static RowAction<JobRow> onJob(String id, String text, Ikon icon, Predicate<JobRow> when,
                                           Consumer<JobView> run) {
        return RowAction.onRow(id, text, icon, when, row -> run.accept(row.job()));
    }

    /** Start, Stop, Retry, Active Full or Health Check; a session it started is announced with {@link SessionStarted}. */
    public void act(JobView job, JobAction action) {
        String verb = switch (action) {
            case START -> "Starting";
            case STOP -> "Stopping";
            case RETRY -> "Retrying";
            case ACTIVE_FULL -> "Starting an active full of";
            case HEALTH_CHECK -> "Starting a health check of";
        };
        tasks.execute(BackgroundTask.of(verb + " the job '" + job.name() + "'", () -> api.act(job.id(), action))
                .onSuccess(session -> {
                    if (action != JobAction.STOP && session != null) {
                        bus.publish(new SessionStarted(session.id(), job.id(), job.name()));
                    }
                })
                .onFailure(failure -> dialogs.showError("Cannot " + what(action) + " the job '" + job.name() + "'",
                        message(failure))));
    }

    /** Finish's "Run the job when I click Finish". */
    public void start(JobView job) {
        act(job, JobAction.START);
    }

    private static String what(JobAction action) {
        return switch (action) {
            case START -> "start";
            case STOP -> "stop";
            case RETRY -> "retry";
            case ACTIVE_FULL -> "run an active full of";
            case HEALTH_CHECK -> "check the backups of";
        };
    }

    /** Disable keeps the job and its backups but runs it on no schedule; Enable puts it back. */
    public void toggleEnabled(JobView job) {
        // The job's own encryption stays as it is: on, with an empty password, keeps the stored one.
        EncryptionView encryption = job.encryption();
        EncryptionRequest sameEncryption = encryption != null && encryption.enabled()
                ? new EncryptionRequest(true, "", encryption.passwordHint()) : new EncryptionRequest(false, null, null);
        JobRequest request = new JobRequest(job.name(), job.description(), job.type(), job.repositoryId(),
                job.objects(), job.schedule(), job.retention(), job.storage(), sameEncryption, !job.enabled());
        String verb = job.enabled() ? "Disabling" : "Enabling";
        tasks.execute(BackgroundTask.of(verb + " the job '" + job.name() + "'", () -> api.update(job.id(), request))
                .onFailure(failure -> dialogs.showError("Cannot " + (job.enabled() ? "disable" : "enable")
                        + " the job '" + job.name() + "'", message(failure))));
    }

    /**
     * Deletes the job after the admin confirmed, and with it its backups in the repository when the
     * admin ticked that too.
     */
    public void delete(JobView job) {
        Optional<Boolean> answer = dialogs.showConfirmation("Delete the job '" + job.name() + "'?",
                "Bulwark forgets the job; its sessions stay in the history. Its restore points stay in '"
                        + Objects.requireNonNullElse(job.repositoryName(), "the repository")
                        + "' for restores, unless you tick the box: then they are deleted for good.",
                "Also delete the job's backups from the repository", "Delete");
        if (answer.isEmpty()) {
            return;
        }
        boolean backups = answer.get();
        tasks.execute(BackgroundTask.<Void>of("Deleting the job '" + job.name() + "'", () -> {
                    api.delete(job.id(), backups);
                    return null;
                })
                .onFailure(failure -> dialogs.showError("Cannot delete the job '" + job.name() + "'", message(failure))));
    }

    private static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.toString());
    }
}
