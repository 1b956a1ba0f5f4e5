package io.bulwark.console.credentials;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.credentials.CredentialView;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "Add…" credential dialog of New Linux Server: a user name with a password, or with a
 * private key (and its passphrase, and optionally the password sudo asks for).
 */
public final class NewCredentialViewModel {
    private final CredentialApi credentials;
    private final TaskExecutor tasks;

    private final ObjectProperty<CredentialType> type = new SimpleObjectProperty<>(CredentialType.PASSWORD);
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty privateKey = new SimpleStringProperty("");
    private final StringProperty passphrase = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final BooleanProperty saving = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final StringBinding problem;

    public NewCredentialViewModel(CredentialApi credentials, TaskExecutor tasks) {
        this.credentials = credentials;
        this.tasks = tasks;
        this.problem = Bindings.createStringBinding(this::check, type, username, password, privateKey);
    }

    private String check() {
        if (username.get().isBlank()) {
            return "Enter the account's user name.";
        }
        if (type.get() == CredentialType.PASSWORD && password.get().isEmpty()) {
            return "Enter the account's password.";
        }
        if (type.get() == CredentialType.PRIVATE_KEY && !privateKey.get().contains("PRIVATE KEY")) {
            return "Paste the private key (OpenSSH or PEM, from -----BEGIN to -----END) or load it from a file.";
        }
        return "";
    }

    /** Saves the credential in the engine; {@code created} runs with it, on success only. */
    public void save(Consumer<CredentialView> created) {
        if (!problem.get().isEmpty() || saving.get()) {
            return;
        }
        saving.set(true);
        error.set("");
        CredentialRequest request = request();
        tasks.execute(BackgroundTask.of("Saving the credential", () -> credentials.create(request))
                .onSuccess(credential -> {
                    saving.set(false);
                    created.accept(credential);
                })
                .onFailure(failure -> {
                    saving.set(false);
                    error.set(Objects.requireNonNullElse(failure.getMessage(), failure.toString()));
                }));
    }

    CredentialRequest request() {
        String user = username.get().strip();
        boolean key = type.get() == CredentialType.PRIVATE_KEY;
        String name = description.get().isBlank() ? user : description.get().strip();
        return new CredentialRequest(name, type.get(), user, blankToNull(password.get()),
                key ? privateKey.get() : null, key ? blankToNull(passphrase.get()) : null,
                blankToNull(description.get().strip()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    public ObjectProperty<CredentialType> typeProperty() {
        return type;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    /** The login password, or with a key the password sudo asks for. */
    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty privateKeyProperty() {
        return privateKey;
    }

    public StringProperty passphraseProperty() {
        return passphrase;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public BooleanProperty savingProperty() {
        return saving;
    }

    /** Why the credential cannot be saved yet, or empty. */
    public StringBinding problemProperty() {
        return problem;
    }

    /** What the engine said when it refused the credential. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
