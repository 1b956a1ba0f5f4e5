package io.bulwark.console.servers;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Formats;
import io.bulwark.console.common.Poller;
import io.bulwark.console.common.Scheduler;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.credentials.CredentialApi;
import io.bulwark.console.credentials.NewCredentialViewModel;
import io.bulwark.console.wizard.ApplyProgress;
import io.bulwark.console.wizard.ApplyState;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.credentials.CredentialView;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.HostKeyRequest;
import io.bulwark.protocol.servers.HostKeyView;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerRequest;
import io.bulwark.protocol.servers.ServerView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * New Linux Server and Edit Server, page by page: the address, how to log in, the host key to
 * trust, a review, then the server saved and its agent deployed live (for an edited server: checked,
 * and repaired or upgraded where it needs it), and what the engine found on the host. Nothing
 * reaches the engine's configuration before Apply; "No" to the host key saves nothing.
 */
public final class ServerWizardViewModel {
    private static final String SERVERS = ApiPaths.collection(ApiPaths.SERVERS);

    /** The server being edited, as it was when the wizard opened; null for a new server. */
    private final ServerView editing;
    private final ServerApi servers;
    private final CredentialApi credentialApi;
    private final TaskExecutor tasks;
    private final Scheduler scheduler;
    private final Runnable unsubscribe;

    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObservableList<CredentialView> credentials = FXCollections.observableArrayList();
    private final ObjectProperty<CredentialView> credential = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper credentialsError = new ReadOnlyStringWrapper("");
    private final StringProperty sshPort = new SimpleStringProperty("22");
    private final ObjectProperty<ServerPorts> ports = new SimpleObjectProperty<>(ServerPorts.DEFAULTS);
    private final BooleanProperty hardenedRepository = new SimpleBooleanProperty();

    private final ReadOnlyObjectWrapper<HostKeyView> hostKey = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper hostKeyChecking = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper hostKeyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hostKeyAccepted = new ReadOnlyBooleanWrapper();

    private final ApplyProgress progress = new ApplyProgress();
    private final ReadOnlyObjectWrapper<ServerView> server = new ReadOnlyObjectWrapper<>();
    private Poller<Optional<DeploymentView>> deployment;

    private final StringBinding nameProblem = Bindings.createStringBinding(() -> HostNames.problem(address.get()),
            address);
    private final StringBinding connectionProblem = Bindings.createStringBinding(this::checkConnection, credential,
            sshPort);
    private final StringBinding hostKeyProblem = Bindings.createStringBinding(this::checkHostKey, hostKey,
            hostKeyChecking, hostKeyError, hostKeyAccepted);
    private final StringBinding hostKeyComparison = Bindings.createStringBinding(this::compareHostKey, hostKey);
    private final BooleanBinding hostKeyChanged = Bindings.createBooleanBinding(() -> hostKey.get() != null
            && pinnedFingerprint() != null && !hostKey.get().fingerprint().equals(pinnedFingerprint()), hostKey);
    private final BooleanBinding applyUnfinished = Bindings.createBooleanBinding(
            () -> progress.state() != ApplyState.SUCCEEDED, progress.stateProperty());
    private final BooleanBinding noWayBack = Bindings.createBooleanBinding(
            () -> server.get() != null || progress.state() == ApplyState.RUNNING, server, progress.stateProperty());

    /** New Linux Server. */
    public ServerWizardViewModel(ServerApi servers, CredentialApi credentials, TaskExecutor tasks,
                                 Scheduler scheduler, EventBus bus) {
        this(null, servers, credentials, tasks, scheduler, bus);
    }

    /** Edit Server: the pages start from what {@code editing} holds; its address stays. */
    public static ServerWizardViewModel edit(ServerView editing, ServerApi servers, CredentialApi credentials,
                                             TaskExecutor tasks, Scheduler scheduler, EventBus bus) {
        return new ServerWizardViewModel(Objects.requireNonNull(editing), servers, credentials, tasks, scheduler, bus);
    }

    private ServerWizardViewModel(ServerView editing, ServerApi servers, CredentialApi credentials, TaskExecutor tasks,
                                  Scheduler scheduler, EventBus bus) {
        this.editing = editing;
        if (editing != null) {
            address.set(editing.address());
            description.set(Objects.requireNonNullElse(editing.description(), ""));
            sshPort.set(String.valueOf(editing.sshPort()));
            ports.set(Objects.requireNonNullElse(editing.ports(), ServerPorts.DEFAULTS));
            hardenedRepository.set(editing.hardenedRepository());
        }
        this.servers = servers;
        this.credentialApi = credentials;
        this.tasks = tasks;
        this.scheduler = scheduler;
        // A key accepted for one address says nothing about another.
        address.subscribe((was, now) -> forgetHostKey());
        sshPort.subscribe((was, now) -> forgetHostKey());
        this.unsubscribe = bus.subscribe(ChangeEvent.class, change -> {
            ServerView saved = server.get();
            if (deployment != null && saved != null && SERVERS.equals(change.collection())
                    && saved.id().equals(change.id())) {
                deployment.poke();
            }
        });
    }

    // --- SSH connection ---------------------------------------------------------------------------

    /** Reads the credentials store; the SSH connection page calls it as it opens. */
    public void loadCredentials() {
        tasks.execute(BackgroundTask.of("Loading credentials", credentialApi::list)
                .onSuccess(loaded -> {
                    UUID chosen = credential.get() != null ? credential.get().id()
                            : editing != null ? editing.credentialId() : null;
                    credentials.setAll(loaded);
                    credentialsError.set("");
                    credential.set(loaded.stream().filter(c -> c.id().equals(chosen)).findFirst().orElse(null));
                })
                .onFailure(failure -> credentialsError.set("Cannot load the credentials: " + message(failure))));
    }

    /** The "Add…" dialog's state; what it saves becomes the chosen credential. */
    public NewCredentialViewModel newCredential() {
        return new NewCredentialViewModel(credentialApi, tasks);
    }

    public void credentialAdded(CredentialView added) {
        credentials.add(added);
        credential.set(added);
    }

    /** The "Advanced…" dialog's state, filled with the current settings. */
    public ServerPortsForm portsForm() {
        return new ServerPortsForm(ports.get());
    }

    private String checkConnection() {
        if (credential.get() == null) {
            return "Choose the account Bulwark logs in with, or add one with Add….";
        }
        Integer port = ServerPortsForm.number(sshPort.get());
        if (port == null || port < 1 || port > 65535) {
            return "The SSH port must be a number from 1 to 65535.";
        }
        return "";
    }

    // --- Host key ---------------------------------------------------------------------------------

    /** Asks the engine which key the host presents; the host key page calls it as it opens. */
    public void readHostKey() {
        if (hostKey.get() != null || hostKeyChecking.get()) {
            return; // back from Review: the key shown (and perhaps accepted) is still the one
        }
        hostKeyChecking.set(true);
        hostKeyError.set("");
        HostKeyRequest request = new HostKeyRequest(address.get().strip(), ServerPortsForm.number(sshPort.get()),
                ports.get().sshTimeoutSeconds());
        tasks.execute(BackgroundTask.of("Reading the host key of " + request.address(), () -> servers.hostKey(request))
                .onSuccess(key -> {
                    hostKeyChecking.set(false);
                    hostKey.set(key);
                    // The key pinned already needs no second yes; a changed one does.
                    hostKeyAccepted.set(key.fingerprint().equals(pinnedFingerprint()));
                })
                .onFailure(failure -> {
                    hostKeyChecking.set(false);
                    hostKeyError.set(message(failure));
                }));
    }

    /** "Yes": this is the host's key; it is pinned when the server is saved. */
    public void acceptHostKey() {
        if (hostKey.get() != null) {
            hostKeyAccepted.set(true);
        }
    }

    /** "No": the key is not trusted; the admin goes back, and nothing is saved. */
    public void rejectHostKey() {
        forgetHostKey();
    }

    /** Tries the host again after a failure (the admin started sshd, opened the firewall). */
    public void readHostKeyAgain() {
        forgetHostKey();
        readHostKey();
    }

    private void forgetHostKey() {
        hostKey.set(null);
        hostKeyAccepted.set(false);
        hostKeyError.set("");
    }

    private String pinnedFingerprint() {
        return editing == null ? null : editing.hostKeyFingerprint();
    }

    /** For an edited server: whether the host still presents the pinned key, and if not, both fingerprints. */
    private String compareHostKey() {
        HostKeyView key = hostKey.get();
        if (key == null || pinnedFingerprint() == null) {
            return "";
        }
        if (key.fingerprint().equals(pinnedFingerprint())) {
            return "This is the key pinned for " + editing.name() + ".";
        }
        return "The host presents a different key from the one pinned for " + editing.name() + ". Pinned: "
                + pinnedFingerprint() + ". Presented now: " + key.fingerprint() + ". Accept it only if you know why it "
                + "changed (the host was reinstalled, or its keys were replaced); otherwise another machine may be "
                + "answering at this address.";
    }

    private String checkHostKey() {
        if (hostKeyChecking.get()) {
            return "Connecting to " + address.get().strip() + " to read its SSH host key…";
        }
        if (!hostKeyError.get().isEmpty()) {
            return hostKeyError.get();
        }
        if (hostKey.get() == null) {
            return "The host key has not been read yet.";
        }
        if (!hostKeyAccepted.get()) {
            return "Compare the fingerprint with the one the host shows (ssh-keygen -l -f "
                    + "/etc/ssh/ssh_host_ed25519_key.pub) and answer Yes to trust it.";
        }
        return "";
    }

    // --- Review -----------------------------------------------------------------------------------

    public List<Detail> review() {
        ServerPorts chosen = ports.get();
        CredentialView account = credential.get();
        return List.of(
                new Detail("Server", address.get().strip()),
                new Detail("Description", description.get().strip()),
                new Detail("Log in as", account == null ? "" : describe(account)),
                new Detail("SSH port", sshPort.get().strip()),
                new Detail("Host key", hostKey.get() == null ? "" : hostKey.get().algorithm() + " "
                        + hostKey.get().fingerprint()),
                new Detail("Data mover ports", chosen.dataPortFirst() + "–" + chosen.dataPortLast()),
                new Detail("Control port", String.valueOf(chosen.controlPort())),
                new Detail("Hardened repository", hardenedRepository.get()
                        ? "Yes: a backup proxy on this server reads in Network mode only" : "No"),
                new Detail(editing == null ? "Will install" : "Will check and install what is missing", "The Bulwark agent bundle (its own Java runtime and the data mover) "
                        + "in /opt/bulwark/agent"),
                new Detail("Will register", "The bulwark-agent service (systemd, or a supervisor of Bulwark's own "
                        + "where there is none), and start it"),
                new Detail("Will issue", "A certificate for the agent in /etc/bulwark/agent, signed by this engine's "
                        + "CA for a key made on the host; the key never leaves it"));
    }

    public static String describe(CredentialView credential) {
        String kind = switch (credential.type()) {
            case PASSWORD -> "password";
            case PRIVATE_KEY -> "private key";
        };
        return credential.name().equals(credential.username())
                ? credential.username() + " (" + kind + ")"
                : credential.name() + " — " + credential.username() + " (" + kind + ")";
    }

    // --- Apply ------------------------------------------------------------------------------------

    /** Saves the server (once) and deploys its agent; also Retry after a failure. */
    public void apply() {
        if (progress.state() == ApplyState.RUNNING || progress.state() == ApplyState.SUCCEEDED) {
            return;
        }
        ServerView saved = server.get();
        if (saved != null) {
            progress.begin("Deploying the agent to " + saved.name() + " again");
            deploy(saved);
            return;
        }
        ServerRequest request = new ServerRequest(editing == null ? null : editing.name(), address.get().strip(),
                blankToNull(description.get()), ServerPortsForm.number(sshPort.get()), credential.get().id(),
                hostKey.get().fingerprint(), ports.get(), hardenedRepository.get());
        progress.begin("Saving the server " + request.address());
        tasks.execute(BackgroundTask.of("Saving the server " + request.address(),
                        () -> editing == null ? servers.create(request) : servers.update(editing.id(), request))
                .onSuccess(stored -> {
                    server.set(stored);
                    progress.note("Saved the server " + stored.name() + " with its host key pinned");
                    deploy(stored);
                })
                .onFailure(failure -> progress.failed("The engine did not save the server: " + message(failure))));
    }

    private void deploy(ServerView target) {
        progress.note("Starting the deployment of the agent");
        tasks.execute(BackgroundTask.of("Deploying the agent to " + target.name(), () -> servers.deploy(target.id()))
                .onSuccess(started -> {
                    progress.show(started);
                    follow(target);
                })
                .onFailure(failure -> progress.failed("The engine did not start the deployment: " + message(failure))));
    }

    private void follow(ServerView target) {
        deployment = new Poller<>("Following the deployment to " + target.name(),
                () -> servers.deployment(target.id()),
                ServerWizardViewModel::over,
                read -> {
                    read.ifPresent(progress::show);
                    if (over(read)) {
                        ended(target, read.orElse(null));
                    }
                },
                failure -> progress.failed("Lost track of the deployment: " + message(failure)),
                tasks, scheduler);
        deployment.start();
    }

    private static boolean over(Optional<DeploymentView> read) {
        return read.isEmpty() || !"RUNNING".equals(read.get().state());
    }

    /** The deployment ended: read the server again, for its facts or its error. */
    private void ended(ServerView target, DeploymentView last) {
        tasks.execute(BackgroundTask.of("Reading the server " + target.name(), () -> servers.get(target.id()))
                .onSuccess(current -> {
                    server.set(current);
                    if (last != null && "SUCCEEDED".equals(last.state())) {
                        progress.succeeded("The agent is installed and running on " + current.name() + ".");
                    } else {
                        progress.failed(failureMessage(current, last));
                    }
                })
                .onFailure(failure -> progress.failed(message(failure))));
    }

    private static String failureMessage(ServerView current, DeploymentView last) {
        String agentMessage = current.agent() == null ? null : current.agent().message();
        if (agentMessage != null && !agentMessage.isBlank()) {
            return agentMessage;
        }
        if (last != null && last.log() != null) {
            for (DeploymentView.Line line : last.log().reversed()) {
                if ("ERROR".equals(line.level())) {
                    return line.text();
                }
            }
        }
        return "The deployment to " + current.name() + " failed; its log above says where.";
    }

    // --- Summary ----------------------------------------------------------------------------------

    /** What the engine found on the host, once the agent is deployed. */
    public List<Detail> summary() {
        ServerView current = server.get();
        if (current == null) {
            return List.of();
        }
        HostFacts facts = current.facts();
        List<Detail> details = new ArrayList<>();
        details.add(new Detail("Server", current.name()));
        details.add(new Detail("Agent", current.agent() == null ? "" : Formats.label(current.agent().state())
                + (current.agent().version() == null ? "" : ", version " + current.agent().version())));
        if (facts != null) {
            details.add(new Detail("Operating system", (Formats.text(facts.os()) + " " + Formats.text(facts.osVersion()))
                    .strip()));
            details.add(new Detail("Kernel", Formats.text(facts.kernel()) + " " + Formats.text(facts.architecture())));
            details.add(new Detail("CPU cores", Formats.text(facts.cpuCores())));
            details.add(new Detail("Memory", Formats.bytes(facts.memoryBytes())));
            details.add(new Detail("Free space", Formats.bytes(facts.freeSpaceBytes())));
            details.add(new Detail("Datastores", facts.datastores() == null || facts.datastores().isEmpty()
                    ? "None found" : String.join(", ", facts.datastores())));
        }
        return details;
    }

    /** Stops following the deployment; the wizard calls it when it closes, however it closes. */
    public void close() {
        if (deployment != null) {
            deployment.stop();
        }
        unsubscribe.run();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The engine's messages say what happened and what to do (for a host: reach it, log in, elevate); shown as they are. */
    static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.toString());
    }

    // --- Properties -------------------------------------------------------------------------------

    /** Whether this is Edit Server rather than New Linux Server. */
    public boolean editing() {
        return editing != null;
    }

    /** The wizard's title. */
    public String title() {
        return editing == null ? "New Linux Server" : "Edit Server: " + editing.name();
    }

    public BooleanProperty hardenedRepositoryProperty() {
        return hardenedRepository;
    }

    /** Edit Server only: whether the host presents the pinned key; empty otherwise. */
    public StringBinding hostKeyComparison() {
        return hostKeyComparison;
    }

    /** Edit Server only: the host presents a key other than the pinned one. */
    public BooleanBinding hostKeyChanged() {
        return hostKeyChanged;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObservableList<CredentialView> credentials() {
        return credentials;
    }

    public ObjectProperty<CredentialView> credentialProperty() {
        return credential;
    }

    public ReadOnlyStringProperty credentialsErrorProperty() {
        return credentialsError.getReadOnlyProperty();
    }

    public StringProperty sshPortProperty() {
        return sshPort;
    }

    public ObjectProperty<ServerPorts> portsProperty() {
        return ports;
    }

    public ReadOnlyObjectProperty<HostKeyView> hostKeyProperty() {
        return hostKey.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hostKeyCheckingProperty() {
        return hostKeyChecking.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hostKeyErrorProperty() {
        return hostKeyError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hostKeyAcceptedProperty() {
        return hostKeyAccepted.getReadOnlyProperty();
    }

    public ApplyProgress progress() {
        return progress;
    }

    /** The saved server, once Apply saved it; its agent and facts as last read. */
    public ReadOnlyObjectProperty<ServerView> serverProperty() {
        return server.getReadOnlyProperty();
    }

    public StringBinding nameProblem() {
        return nameProblem;
    }

    public StringBinding connectionProblem() {
        return connectionProblem;
    }

    public StringBinding hostKeyProblem() {
        return hostKeyProblem;
    }

    public BooleanBinding applyUnfinished() {
        return applyUnfinished;
    }

    /** Once the server is saved (or being saved) the earlier pages cannot change it any more. */
    public BooleanBinding noWayBack() {
        return noWayBack;
    }
}
