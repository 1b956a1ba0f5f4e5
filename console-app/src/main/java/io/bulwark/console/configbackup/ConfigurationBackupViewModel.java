package io.bulwark.console.configbackup;

import static io.bulwark.protocol.repositories.EncryptionRequest.MIN_PASSWORD_LENGTH;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.EncryptionPasswordRule;
import io.bulwark.console.common.Formats;
import io.bulwark.console.common.OwnerOnlyFiles;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.connection.EngineClient.Download;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.configuration.ConfigurationBackupKind;
import io.bulwark.protocol.configuration.ConfigurationBackupView;
import io.bulwark.protocol.configuration.ConfigurationExportRequest;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Main menu › Configuration Backup: the password the file is sealed with (typed twice) and its hint,
 * where to save the file, and the backups the engine recorded. {@link #export()} asks the engine for
 * the sealed file in the background and saves it for its owner only, never over a file without asking.
 */
public final class ConfigurationBackupViewModel {
    /** The fields, as the engine names them in its field errors (and the confirmation, the console's own). */
    public static final String PASSWORD = "password";
    public static final String CONFIRMATION = "confirmation";
    public static final String HINT = "hint";
    static final String EXTENSION = ".bcb";
    /** As the engine stamps the names of its exports: UTC, sortable. */
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> FIELD_LABELS = Map.of(PASSWORD, "The password", HINT, "The hint");

    private final ConfigurationBackupApi api;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final String engineHost;
    private final Path directory;
    private final Clock clock;

    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final StringProperty hint = new SimpleStringProperty("");
    private final ObjectProperty<Path> target = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ObservableList<ConfigurationBackupView> backups = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper backupsMessage = new ReadOnlyStringWrapper("");
    private final ObservableMap<String, String> engineErrors = FXCollections.observableHashMap();
    private final StringBinding problem;
    /** The file the console proposed; while it is the target, the engine's own name for the file is used. */
    private Path proposal;

    /**
     * @param engineHost the engine's host name, for the proposed file name
     * @param directory  where the file is proposed (the user's home)
     */
    public ConfigurationBackupViewModel(ConfigurationBackupApi api, TaskExecutor tasks, DialogService dialogs,
                                        String engineHost, Path directory, Clock clock) {
        this.api = api;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.engineHost = engineHost;
        this.directory = directory;
        this.clock = clock;
        this.problem = Bindings.createStringBinding(this::check, password, confirmation, hint, target, engineErrors);
        // What the engine said of a field no longer holds once it is changed; the hint's check involves the password.
        password.subscribe(text -> engineErrors.keySet().removeAll(java.util.List.of(PASSWORD, HINT)));
        hint.subscribe(text -> engineErrors.remove(HINT));
        propose();
    }

    /** The dialog opens: the list of earlier backups is read. */
    public void opened() {
        reload();
    }

    /** The dialog closed: the passwords are not kept. */
    public void closed() {
        password.set("");
        confirmation.set("");
    }

    public void reload() {
        tasks.execute(BackgroundTask.of("Loading the configuration backups", api::backups)
                .onSuccess(list -> {
                    backups.setAll(list);
                    backupsMessage.set("");
                })
                .onFailure(failure -> backupsMessage.set("Cannot list the configuration backups: " + message(failure))));
    }

    /** {@code bulwark-configuration-HOST-TIME.bcb} in the directory, as the engine names its exports. */
    Path proposedFile() {
        return directory.resolve("bulwark-configuration-" + engineHost.replaceAll("[^A-Za-z0-9.-]", "_") + "-"
                + STAMP.format(clock.instant()) + EXTENSION);
    }

    private void propose() {
        proposal = proposedFile();
        target.set(proposal);
    }

    /** The file the admin chose to save to; one without an extension gets {@code .bcb}. */
    public void chooseTarget(Path file) {
        if (file != null) {
            String name = file.getFileName().toString();
            target.set(name.contains(".") ? file : file.resolveSibling(name + EXTENSION));
        }
    }

    private String check() {
        if (password.get().isEmpty()) {
            return "Type a password of at least " + MIN_PASSWORD_LENGTH + " characters to seal the file with.";
        }
        String own = firstNonNull(() -> EncryptionPasswordRule.passwordProblem(password.get()),
                () -> confirmation.get().isEmpty() ? "Type the password again to confirm it." : null,
                () -> EncryptionPasswordRule.confirmationProblem(password.get(), confirmation.get()),
                () -> EncryptionPasswordRule.hintProblem(password.get(), hint.get(), "the file"));
        if (own != null) {
            return own;
        }
        if (!engineErrors.isEmpty()) {
            return "The engine refused what is typed above; correct it and export again.";
        }
        return target.get() == null ? "Choose where to save the file." : null;
    }

    @SafeVarargs
    private static String firstNonNull(Supplier<String>... checks) {
        for (Supplier<String> check : checks) {
            String problem = check.get();
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * Exports the configuration to the target file. Asks before replacing a file; refuses a folder that
     * does not exist before the engine is asked (an export is recorded on the engine).
     */
    public void export() {
        if (exporting.get() || problem.get() != null) {
            return;
        }
        Path file = target.get().toAbsolutePath();
        if (!Files.isDirectory(file.getParent())) {
            dialogs.showError("Cannot save the configuration backup", "The folder " + file.getParent()
                    + " does not exist. Choose another place to save the file.");
            return;
        }
        if (Files.isDirectory(file)) {
            dialogs.showError("Cannot save the configuration backup", file + " is a folder. Choose a file name.");
            return;
        }
        boolean replace = Files.exists(file);
        if (replace && !dialogs.showConfirmation("Replace " + file.getFileName() + "?", file
                + " exists already. Replace it with the new configuration backup?", "Replace")) {
            return;
        }
        boolean engineNames = target.get().equals(proposal);
        ConfigurationExportRequest request = new ConfigurationExportRequest(password.get(),
                hint.get().isBlank() ? null : hint.get().strip());
        engineErrors.clear();
        exporting.set(true);
        tasks.execute(BackgroundTask.of("Exporting the configuration",
                        () -> save(api.export(request), file, replace, engineNames))
                .onSuccess(saved -> {
                    exporting.set(false);
                    closed();
                    if (engineNames) {
                        propose();
                    }
                    dialogs.showInformation("Configuration backup saved", "Saved the configuration to "
                            + saved.file() + " (" + Formats.bytes(saved.size()) + ").\n\nKeep the file and its "
                            + "password apart: whoever has both has every credential and key of the engine.");
                    reload();
                })
                .onFailure(failure -> {
                    exporting.set(false);
                    if (failure instanceof EngineRefusedException refused && !refused.fields().isEmpty()) {
                        engineErrors.putAll(refused.fields());
                    } else if (failure instanceof IOException) {
                        dialogs.showError("Cannot save the configuration backup", "The engine exported the "
                                + "configuration, but the console could not write it to " + file + ": "
                                + message(failure));
                        reload();
                    } else {
                        dialogs.showError("Cannot export the configuration", message(failure));
                    }
                }));
    }

    /** Where the export went, and how large it is. */
    record Saved(Path file, long size) {
    }

    /**
     * Saves the export as the chosen file; while that is the console's proposal, under the engine's name
     * beside it instead (the same name but for the exact time), unless that is taken.
     */
    private static Saved save(Download export, Path chosen, boolean replace, boolean engineNames) throws IOException {
        if (engineNames && export.fileName() != null) {
            Path named = chosen.resolveSibling(export.fileName());
            if (!named.equals(chosen)) {
                try {
                    OwnerOnlyFiles.save(named, export.content(), false);
                    return new Saved(named, export.content().length);
                } catch (FileAlreadyExistsException e) {
                    // Taken: the file the admin saw proposed, checked above, is the one to write.
                }
            }
        }
        try {
            OwnerOnlyFiles.save(chosen, export.content(), replace);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(chosen + " appeared while the engine exported; it was left as it is. "
                    + "Export again to replace it or to save elsewhere.", e);
        }
        return new Saved(chosen, export.content().length);
    }

    private static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.getClass().getSimpleName());
    }

    /** The engine's complaint about a field, else the console's own check of it; or null. */
    public StringBinding fieldError(String field) {
        return Bindings.createStringBinding(() -> {
            String refused = engineErrors.get(field);
            if (refused != null) {
                return FIELD_LABELS.getOrDefault(field, field) + " " + refused + ".";
            }
            return switch (field) {
                case PASSWORD -> EncryptionPasswordRule.passwordProblem(password.get());
                case CONFIRMATION -> EncryptionPasswordRule.confirmationProblem(password.get(), confirmation.get());
                case HINT -> EncryptionPasswordRule.hintProblem(password.get(), hint.get(), "the file");
                default -> null;
            };
        }, engineErrors, password, confirmation, hint);
    }

    /** How the list names a backup's kind. */
    public static String kind(ConfigurationBackupKind kind) {
        return switch (kind) {
            case EXPORT -> "Export";
            case BEFORE_MIGRATION -> "Before schema migration";
            case BEFORE_IMPORT -> "Before import";
            case null -> "";
        };
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty confirmationProperty() {
        return confirmation;
    }

    public StringProperty hintProperty() {
        return hint;
    }

    /** The file to save to. */
    public ObjectProperty<Path> targetProperty() {
        return target;
    }

    public ReadOnlyBooleanProperty exportingProperty() {
        return exporting.getReadOnlyProperty();
    }

    /** Why Export cannot run yet, or null. */
    public StringBinding problemProperty() {
        return problem;
    }

    /** The backups the engine recorded, newest first. */
    public ObservableList<ConfigurationBackupView> backups() {
        return backups;
    }

    /** Why the list could not be read, or empty. */
    public ReadOnlyStringProperty backupsMessageProperty() {
        return backupsMessage.getReadOnlyProperty();
    }
}
