package io.bulwark.console.jobs;

import java.util.List;

/**
 * The pages of the New Backup Job wizard, in order, with the request fields each edits, so that a
 * field the engine refuses is shown on the page where the admin can correct it.
 */
public enum JobWizardStep {
    NAME("Name", "name", "description"),
    VIRTUAL_MACHINES("Virtual Machines", "objects"),
    // The job's own encryption password is edited in the Storage page's Advanced… dialog.
    STORAGE("Storage", "repositoryId", "retention", "storage", "encryption"),
    SCHEDULE("Schedule", "schedule"),
    SUMMARY("Summary", "type", "enabled");

    private final String title;
    private final List<String> fields;

    JobWizardStep(String title, String... fields) {
        this.title = title;
        this.fields = List.of(fields);
    }

    public String title() {
        return title;
    }

    /** Whether the page edits the field: {@code schedule} owns {@code schedule.time}, {@code objects} owns {@code objects[0]}. */
    public boolean owns(String field) {
        return fields.stream().anyMatch(own -> field.equals(own) || field.startsWith(own + ".")
                || field.startsWith(own + "["));
    }

    public static JobWizardStep owning(String field) {
        for (JobWizardStep step : values()) {
            if (step.owns(field)) {
                return step;
            }
        }
        return SUMMARY;
    }
}
