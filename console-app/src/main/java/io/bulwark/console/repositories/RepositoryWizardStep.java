package io.bulwark.console.repositories;

import java.util.List;

/**
 * The pages of the Add Repository wizard, in order, with the request fields each one edits, so
 * that a field the engine refuses is shown on the page where the admin can correct it.
 */
public enum RepositoryWizardStep {
    NAME("Name", "Type a name and a description for the backup repository.", "name", "description"),
    SERVER("Server", "Choose the managed server that will hold the repository.", "serverId"),
    REPOSITORY("Repository", "Choose the folder for the backups and how many tasks may write to it at once.",
            "path", "maxConcurrentTasks"),
    ENCRYPTION("Encryption", "Encrypt everything stored in the repository with a password.", "encryption"),
    REVIEW("Review", "Check the settings; Apply adds the repository."),
    APPLY("Apply", "The engine adds the repository and sets it up on the server."),
    SUMMARY("Summary", "The repository is ready for backup jobs.");

    private final String title;
    private final String description;
    private final List<String> fields;

    RepositoryWizardStep(String title, String description, String... fields) {
        this.title = title;
        this.description = description;
        this.fields = List.of(fields);
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** Whether this page edits the field ({@code encryption} owns {@code encryption.password}). */
    public boolean owns(String field) {
        return fields.stream().anyMatch(own -> field.equals(own) || field.startsWith(own + "."));
    }
}
