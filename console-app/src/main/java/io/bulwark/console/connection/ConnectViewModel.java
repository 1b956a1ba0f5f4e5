package io.bulwark.console.connection;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.common.TaskExecutor.Cancellable;
import io.bulwark.protocol.ApiPaths;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connect dialog's state and its one job: log in to an engine, asking the admin to trust its
 * certificate on first contact and refusing a changed one. Runs the login in the background; the
 * dialog stays responsive and the attempt can be cancelled.
 */
public final class ConnectViewModel {
    private final Connector connector;
    private final PinnedCertificates pins;
    private final ProfileStore profileStore;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final CertificatePrompt certificatePrompt;
    private final Consumer<EngineConnection> onConnected;

    private final ObservableList<ConnectionProfile> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ConnectionProfile> selectedProfile = new SimpleObjectProperty<>();
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty(String.valueOf(ApiPaths.DEFAULT_PORT));
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final BooleanProperty rememberProfile = new SimpleBooleanProperty(true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper progressMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper certificatePinned = new ReadOnlyBooleanWrapper();
    private final BooleanBinding canConnect;
    private Cancellable running;
    private Runnable afterFailure = () -> { };

    public ConnectViewModel(Connector connector, PinnedCertificates pins, ProfileStore profileStore, TaskExecutor tasks,
                            DialogService dialogs, CertificatePrompt certificatePrompt,
                            Consumer<EngineConnection> onConnected) {
        this.connector = connector;
        this.pins = pins;
        this.profileStore = profileStore;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.certificatePrompt = certificatePrompt;
        this.onConnected = onConnected;
        this.canConnect = Bindings.createBooleanBinding(
                () -> !busy.get() && !host.get().isBlank() && !port.get().isBlank() && !username.get().isBlank()
                        && !password.get().isEmpty(),
                busy, host, port, username, password);
        selectedProfile.addListener((observable, old, profile) -> fillFrom(profile));
        host.addListener((observable, old, now) -> updateCertificatePinned());
        port.addListener((observable, old, now) -> updateCertificatePinned());
        loadProfiles();
    }

    private void loadProfiles() {
        try {
            profiles.setAll(profileStore.load());
            if (!profiles.isEmpty()) {
                selectedProfile.set(profiles.getFirst());
            }
        } catch (UncheckedIOException e) {
            errorMessage.set(e.getMessage());
        }
    }

    private void fillFrom(ConnectionProfile profile) {
        if (profile != null) {
            host.set(profile.host());
            port.set(String.valueOf(profile.port()));
            username.set(profile.username());
            password.set("");
        }
    }

    public void connect() {
        if (!canConnect.get()) {
            return;
        }
        EngineAddress address;
        try {
            address = EngineAddress.of(host.get(), port.get());
        } catch (IllegalArgumentException e) {
            errorMessage.set(e.getMessage());
            return;
        }
        errorMessage.set("");
        start(address, username.get().strip(), password.get());
    }

    /**
     * Logs in without the admin typing anything, for the launcher that has just started a local
     * engine: its certificate, read from that engine, is pinned as if the admin had accepted it.
     *
     * @param onFailure runs after the error is set, so that the caller can show this dialog
     */
    public void connectAutomatically(EngineAddress address, String fingerprint, String user, String secret,
                                     Runnable onFailure) {
        host.set(address.host());
        port.set(String.valueOf(address.port()));
        username.set(user);
        try {
            pins.pin(address, fingerprint);
        } catch (UncheckedIOException e) {
            errorMessage.set(e.getMessage());
            onFailure.run();
            return;
        }
        updateCertificatePinned();
        afterFailure = onFailure;
        start(address, user, secret);
    }

    private void start(EngineAddress address, String user, String secret) {
        busy.set(true);
        progressMessage.set("Connecting to " + address + "…");
        running = tasks.execute(BackgroundTask.of("Connecting to " + address, () -> connector.connect(address, user, secret))
                .onSuccess(this::connected)
                .onFailure(failure -> failed(failure, address, user, secret)));
    }

    private void connected(EngineConnection connection) {
        finish();
        password.set("");
        if (rememberProfile.get()) {
            try {
                profiles.setAll(profileStore.remember(ConnectionProfile.of(connection.address(),
                        connection.user().username())));
                selectedProfile.set(profiles.getFirst());
            } catch (UncheckedIOException e) {
                dialogs.showError("Cannot save the connection", e.getMessage());
            }
        }
        onConnected.accept(connection);
    }

    private void failed(Exception failure, EngineAddress address, String user, String secret) {
        switch (failure) {
            case UntrustedCertificateException untrusted -> {
                if (certificatePrompt.trust(address, untrusted.certificate())) {
                    trustAndRetry(address, untrusted.certificate(), user, secret);
                } else {
                    finishWithError("Not connected: you did not trust the certificate of " + address + ".");
                }
            }
            case CertificateChangedException changed -> {
                finishWithError("Refused: the certificate of the engine at " + address + " has changed.");
                dialogs.showError("The engine's certificate has changed", changed.getMessage());
            }
            default -> finishWithError(Objects.requireNonNullElse(failure.getMessage(), failure.toString()));
        }
    }

    private void trustAndRetry(EngineAddress address, CertificateDetails certificate, String user, String secret) {
        try {
            pins.pin(address, certificate.fingerprint());
        } catch (UncheckedIOException e) {
            finishWithError(e.getMessage());
            return;
        }
        updateCertificatePinned();
        start(address, user, secret);
    }

    private void finish() {
        busy.set(false);
        progressMessage.set("");
        running = null;
        afterFailure = () -> { };
    }

    private void finishWithError(String message) {
        Runnable callback = afterFailure;
        finish();
        errorMessage.set(message);
        callback.run();
    }

    /** Gives up on the connection attempt under way. */
    public void cancel() {
        if (running != null) {
            running.cancel();
            finish();
            errorMessage.set("Cancelled.");
        }
    }

    /** Shows why the console came back to this dialog, such as an ended session. */
    public void showError(String message) {
        errorMessage.set(message);
    }

    /** Removes the pin of the address in the fields, after the admin checked the new fingerprint on the engine. */
    public void forgetCertificate() {
        EngineAddress address = EngineAddress.of(host.get(), port.get());
        if (dialogs.showConfirmation("Forget the trusted certificate?",
                "The console will no longer trust the certificate it pinned for " + address + ". On the next "
                        + "connection it shows the engine's certificate and asks you again. Do this only after you "
                        + "checked the new fingerprint on the engine's host.", "Forget")) {
            pins.forget(address);
            updateCertificatePinned();
            errorMessage.set("");
        }
    }

    public void removeSelectedProfile() {
        ConnectionProfile profile = selectedProfile.get();
        if (profile != null) {
            try {
                profiles.setAll(profileStore.remove(profile));
                selectedProfile.set(null);
            } catch (UncheckedIOException e) {
                errorMessage.set(e.getMessage());
            }
        }
    }

    private void updateCertificatePinned() {
        try {
            certificatePinned.set(pins.fingerprint(EngineAddress.of(host.get(), port.get())).isPresent());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            certificatePinned.set(false);
        }
    }

    public ObservableList<ConnectionProfile> profiles() {
        return profiles;
    }

    public ObjectProperty<ConnectionProfile> selectedProfileProperty() {
        return selectedProfile;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty usernameProperty() {
        return username;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public BooleanProperty rememberProfileProperty() {
        return rememberProfile;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressMessageProperty() {
        return progressMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorMessageProperty() {
        return errorMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty certificatePinnedProperty() {
        return certificatePinned.getReadOnlyProperty();
    }

    public BooleanBinding canConnectProperty() {
        return canConnect;
    }
}
