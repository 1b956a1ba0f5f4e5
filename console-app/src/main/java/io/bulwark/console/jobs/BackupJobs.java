package io.bulwark.console.jobs;

import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.jobs.JobView;
import java.util.List;
import java.util.Optional;

/**
 * The backup jobs of one login: New Backup Job (main menu and the Jobs view), Edit, and the job
 * actions. One wizard at a time, each with a fresh view-model.
 */
public final class BackupJobs {
    private final JobApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final JobActions actions;
    private boolean wizardOpen;

    public BackupJobs(JobApi api, TaskExecutor tasks, DialogService dialogs, EventBus bus) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.actions = new JobActions(api, tasks, dialogs, bus);
    }

    /** The Jobs view's ribbon and context menu. */
    public List<RowAction<JobRow>> actions() {
        return actions.actions(this::newJob, this::editJob);
    }

    /** New Backup Job; the job it added, if the admin got to Finish. */
    public Optional<JobView> newJob() {
        return run(JobWizardViewModel.create(api, tasks));
    }

    /** Edit: the same wizard on a saved job. */
    public void editJob(JobView job) {
        run(JobWizardViewModel.edit(job, api, tasks));
    }

    private Optional<JobView> run(JobWizardViewModel viewModel) {
        if (wizardOpen) {
            return Optional.empty();
        }
        wizardOpen = true;
        try {
            return JobWizard.show(viewModel, dialogs, actions::start);
        } finally {
            wizardOpen = false;
        }
    }
}
