package io.bulwark.console.repositories;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.EncryptionPasswordRule;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Formats;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.common.TaskExecutor.Cancellable;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.RoleStatus;
import io.bulwark.protocol.servers.ServerView;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Add Repository wizard: what the admin typed on each page, whether the page is right (and if
 * not, why), and the Apply step, which saves the repository and follows it on the engine until it
 * is ready on its server or has failed there.
 *
 * <p>The checks here only spare the admin a round trip; the engine checks everything again, and its
 * field errors are shown beside the fields they name, on the page that edits them.
 */
public final class AddRepositoryViewModel {
    public static final int DEFAULT_MAX_TASKS = 4;
    public static final int MAX_TASKS_LIMIT = 128;
    /** The setup on the server is not pushed to the console as it goes, so the Apply page asks this often. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    /** The field names of {@link RepositoryRequest}, as the engine names them in its errors. */
    public static final String NAME = "name";
    public static final String DESCRIPTION = "description";
    public static final String SERVER = "serverId";
    public static final String PATH = "path";
    public static final String MAX_TASKS = "maxConcurrentTasks";
    public static final String PASSWORD = "encryption.password";
    /** Not a request field: the console's own check that the password was typed twice alike. */
    public static final String CONFIRMATION = "encryption.confirmation";
    public static final String HINT = "encryption.passwordHint";

    private static final Map<String, String> FIELD_LABELS = Map.of(NAME, "Name", DESCRIPTION, "Description",
            SERVER, "Server", PATH, "Path", MAX_TASKS, "Max concurrent tasks", PASSWORD, "Password", HINT, "Hint");

    private final RepositoryApi api;
    private final TaskExecutor tasks;
    private final EventBus bus;
    private final Duration pollInterval;

    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObservableList<ServerView> servers = FXCollections.observableArrayList();
    private final ObjectProperty<ServerView> server = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper serversMessage = new ReadOnlyStringWrapper("");
    private final StringProperty path = new SimpleStringProperty("");
    private final ObjectProperty<Integer> maxConcurrentTasks = new SimpleObjectProperty<>(DEFAULT_MAX_TASKS);
    private final BooleanProperty encrypt = new SimpleBooleanProperty(true);
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty confirmation = new SimpleStringProperty("");
    private final StringProperty hint = new SimpleStringProperty("");

    /** What the engine refused, by field; a field's entry goes when the admin changes that field. */
    private final ObservableMap<String, String> engineErrors = FXCollections.observableHashMap();
    private final Map<String, StringBinding> fieldErrors = new LinkedHashMap<>();
    private final Map<RepositoryWizardStep, StringBinding> problems = new EnumMap<>(RepositoryWizardStep.class);

    private final ReadOnlyObjectWrapper<ApplyState> applyState = new ReadOnlyObjectWrapper<>(ApplyState.NOT_STARTED);
    private final ReadOnlyStringWrapper applyMessage = new ReadOnlyStringWrapper("");
    /** 0–1, or -1 while there is nothing to measure. */
    private final ReadOnlyDoubleWrapper applyProgress = new ReadOnlyDoubleWrapper(-1);
    private final ObservableList<String> applyLog = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper retryable = new ReadOnlyBooleanWrapper();

    private RepositoryView saved;
    /** The deployment whose lines the log shows, and how many of them it shows. */
    private Instant followedDeployment;
    private int deploymentLinesShown;
    /** Following the saved repository failed (not the repository itself): Retry only looks again. */
    private boolean lostTrack;
    private Cancellable running = () -> { };
    private boolean closed;

    public AddRepositoryViewModel(RepositoryApi api, TaskExecutor tasks, EventBus bus) {
        this(api, tasks, bus, POLL_INTERVAL);
    }

    AddRepositoryViewModel(RepositoryApi api, TaskExecutor tasks, EventBus bus, Duration pollInterval) {
        this.api = api;
        this.tasks = tasks;
        this.bus = bus;
        this.pollInterval = pollInterval;

        field(NAME, name, () -> tooLong(name, 128));
        field(DESCRIPTION, description, () -> tooLong(description, 1024));
        field(SERVER, server, () -> null);
        field(PATH, path, () -> pathProblem(path.get().strip()));
        field(MAX_TASKS, maxConcurrentTasks, () -> {
            Integer tasksValue = maxConcurrentTasks.get();
            return tasksValue == null || tasksValue < 1 || tasksValue > MAX_TASKS_LIMIT
                    ? "Max concurrent tasks must be from 1 to " + MAX_TASKS_LIMIT + "." : null;
        });
        field(PASSWORD, password, () -> encrypt.get() ? EncryptionPasswordRule.passwordProblem(password.get()) : null,
                encrypt);
        field(CONFIRMATION, confirmation, () -> encrypt.get()
                ? EncryptionPasswordRule.confirmationProblem(password.get(), confirmation.get()) : null, encrypt, password);
        field(HINT, hint, () -> encrypt.get()
                ? EncryptionPasswordRule.hintProblem(password.get(), hint.get(), "the repository") : null,
                encrypt, password);

        problems.put(RepositoryWizardStep.NAME, problem(RepositoryWizardStep.NAME,
                () -> name.get().isBlank() ? "Type a name for the repository." : null, name));
        problems.put(RepositoryWizardStep.SERVER, problem(RepositoryWizardStep.SERVER,
                () -> server.get() == null ? "Choose the server that will hold the repository." : null, server));
        problems.put(RepositoryWizardStep.REPOSITORY, problem(RepositoryWizardStep.REPOSITORY,
                () -> path.get().isBlank() ? "Type the path of the repository's folder on the server." : null, path));
        problems.put(RepositoryWizardStep.ENCRYPTION, problem(RepositoryWizardStep.ENCRYPTION, () -> {
            if (!encrypt.get()) {
                return null;
            }
            if (password.get().isEmpty()) {
                return "Type a password, or leave the repository unencrypted.";
            }
            return confirmation.get().isEmpty() ? "Type the password again, to be sure of it." : null;
        }, encrypt, password, confirmation));
        for (RepositoryWizardStep step : List.of(RepositoryWizardStep.REVIEW, RepositoryWizardStep.APPLY,
                RepositoryWizardStep.SUMMARY)) {
            problems.put(step, Bindings.createStringBinding(() -> null));
        }
    }

    /**
     * Registers a field: its error is the engine's, while it stands, else the console's own check.
     * Changing the field withdraws the engine's complaint about it.
     */
    private void field(String key, ObservableValue<?> value, Callable<String> check, Observable... alsoOn) {
        Observable[] dependencies = Arrays.copyOf(alsoOn, alsoOn.length + 2);
        dependencies[alsoOn.length] = value;
        dependencies[alsoOn.length + 1] = engineErrors;
        fieldErrors.put(key, Bindings.createStringBinding(() -> {
            String refused = engineErrors.get(key);
            return refused != null ? describe(key, refused) : check.call();
        }, dependencies));
        value.addListener((observable, old, changed) -> engineErrors.remove(key));
    }

    /** A page's first problem: a field's error, else something it still lacks. */
    private StringBinding problem(RepositoryWizardStep step, Callable<String> missing, Observable... dependencies) {
        List<StringBinding> own = fieldErrors.entrySet().stream().filter(entry -> step.owns(entry.getKey()))
                .map(Map.Entry::getValue).toList();
        Observable[] all = Arrays.copyOf(dependencies, dependencies.length + own.size() + 1);
        for (int i = 0; i < own.size(); i++) {
            all[dependencies.length + i] = own.get(i);
        }
        all[all.length - 1] = engineErrors;
        return Bindings.createStringBinding(() -> {
            for (StringBinding error : own) {
                if (error.get() != null) {
                    return error.get();
                }
            }
            // An engine error on a field of this page the console has no control for (encryption.enabled).
            Optional<String> other = engineErrors.entrySet().stream()
                    .filter(entry -> step.owns(entry.getKey()) && !fieldErrors.containsKey(entry.getKey()))
                    .map(entry -> describe(entry.getKey(), entry.getValue())).findFirst();
            return other.orElseGet(() -> callQuietly(missing));
        }, all);
    }

    private static String callQuietly(Callable<String> check) {
        try {
            return check.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(String field, String problem) {
        // The engine's problems read as predicates ("must be …", "already taken"): after the field's name.
        return FIELD_LABELS.getOrDefault(field, field) + ": " + problem;
    }

    private static String tooLong(StringProperty text, int limit) {
        return text.get().strip().length() > limit ? "At most " + limit + " characters, please." : null;
    }

    /** The shape of an absolute Linux path, as the engine wants it; whether it exists is the server's business. */
    static String pathProblem(String path) {
        if (path.isEmpty()) {
            return null;
        }
        if (!path.startsWith("/")) {
            return "Type an absolute Linux path, starting with /.";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return "Leave out the / at the end.";
        }
        if (path.length() > 1 && Arrays.stream(path.substring(1).split("/", -1))
                .anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."))) {
            return "The path must not contain //, /./ or /../.";
        }
        return null;
    }

    // --- the Server page ---------------------------------------------------------------------------

    public void loadServers() {
        serversMessage.set("Loading the managed servers…");
        tasks.execute(BackgroundTask.of("Loading the managed servers", api::servers)
                .onSuccess(list -> {
                    UUID chosen = server.get() == null ? null : server.get().id();
                    servers.setAll(list);
                    server.set(list.stream().filter(each -> each.id().equals(chosen)).findFirst().orElse(null));
                    serversMessage.set(list.isEmpty() ? "There is no managed server yet: add one." : "");
                })
                .onFailure(failure -> serversMessage.set("Cannot load the managed servers: " + failure.getMessage())));
    }

    /** Asks whoever answers {@link AddServerRequested} (the New Linux Server wizard) to add a server. */
    public void addServer() {
        bus.publish(new AddServerRequested("backup repository"));
    }

    /** A change on the engine: a server added or analysed again shows in the list. */
    public void onChange(ChangeEvent change) {
        boolean busy = applyState.get() != ApplyState.NOT_STARTED && !applyState.get().finished();
        if (!closed && !busy && ApiPaths.collection(ApiPaths.SERVERS).equals(change.collection())) {
            loadServers();
        }
    }

    /** How a server reads in the list: its name and address. */
    public static String serverTitle(ServerView server) {
        return server.address() == null || server.address().equals(server.name())
                ? server.name() : server.name() + " (" + server.address() + ")";
    }

    /** The free space the installer found on the server when it last analysed it. */
    public static String freeSpace(ServerView server) {
        Long free = server.facts() == null ? null : server.facts().freeSpaceBytes();
        return free == null ? "Free space not known yet" : Formats.bytes(free) + " free";
    }

    // --- the Review and Summary pages -------------------------------------------------------------

    public List<Detail> review() {
        ServerView chosen = server.get();
        return List.of(
                new Detail("Name", name.get().strip()),
                new Detail("Description", description.get().strip()),
                new Detail("Server", chosen == null ? "" : serverTitle(chosen)),
                new Detail("Path", path.get().strip()),
                new Detail("Max concurrent tasks", Formats.text(maxConcurrentTasks.get())),
                new Detail("Encryption", encrypt.get() ? "Yes, with a password" : "No"),
                new Detail("Password hint", encrypt.get() ? hint.get().strip() : ""));
    }

    public String summary() {
        ServerView chosen = server.get();
        return "The backup repository '" + name.get().strip() + "' is ready at " + path.get().strip() + " on "
                + (chosen == null ? "its server" : "'" + chosen.name() + "'") + "."
                + (encrypt.get() ? " Everything stored in it is encrypted with its password." : "");
    }

    RepositoryRequest request() {
        EncryptionRequest encryption = encrypt.get()
                ? new EncryptionRequest(true, password.get(), blankToNull(hint.get()))
                : new EncryptionRequest(false, null, null);
        return new RepositoryRequest(name.get().strip(), blankToNull(description.get()),
                server.get() == null ? null : server.get().id(), path.get().strip(), maxConcurrentTasks.get(),
                encryption);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    // --- the Apply page ---------------------------------------------------------------------------

    /**
     * Saves the repository (adds it the first time, changes it after a failure) and follows it
     * until it is ready or failed. Does nothing while that runs or once it is ready.
     */
    public void apply() {
        ApplyState state = applyState.get();
        if (closed || state == ApplyState.READY || (state != ApplyState.NOT_STARTED && !state.finished())) {
            return;
        }
        if (lostTrack) {
            lostTrack = false;
            enter(ApplyState.INITIALISING, "Looking at the repository again…");
            poll(Duration.ZERO);
            return;
        }
        RepositoryRequest request = request();
        engineErrors.clear();
        applyLog.clear();
        followedDeployment = null;
        enter(ApplyState.SAVING, saved == null ? "Saving the repository…" : "Saving the repository again…");
        running = tasks.execute(BackgroundTask.of("Adding the backup repository '" + request.name() + "'",
                        () -> saved == null ? api.create(request) : api.update(saved.id(), request))
                .onSuccess(repository -> {
                    saved = repository;
                    log("Saved the repository '" + repository.name() + "' on the engine.");
                    follow(new Progress(repository, Optional.empty()));
                })
                .onFailure(this::saveFailed));
    }

    public void retry() {
        apply();
    }

    private void saveFailed(Exception failure) {
        if (closed) {
            return;
        }
        if (failure instanceof EngineRefusedException refused && !refused.fields().isEmpty()) {
            engineErrors.putAll(refused.fields());
            String page = Arrays.stream(RepositoryWizardStep.values())
                    .filter(step -> refused.fields().keySet().stream().anyMatch(step::owns))
                    .map(RepositoryWizardStep::title).findFirst().orElse(null);
            enter(ApplyState.REFUSED, refused.getMessage() + (page == null ? ""
                    : " Go back to the " + page + " page to correct it; the fields say what is wrong."));
        } else {
            enter(ApplyState.FAILED, failure.getMessage());
        }
        log(applyMessage.get());
    }

    /** What the engine says of the saved repository and of a deployment to its server. */
    record Progress(RepositoryView repository, Optional<DeploymentView> deployment) {
    }

    private void follow(Progress progress) {
        if (closed) {
            return;
        }
        RepositoryView repository = progress.repository();
        RoleStatus status = Objects.requireNonNullElse(repository.status(),
                new RoleStatus(AgentState.INSTALLING, null));
        Optional<DeploymentView> deploying = progress.deployment().filter(this::followDeployment);
        switch (status.state()) {
            case READY -> {
                applyProgress.set(1);
                enter(ApplyState.READY, "The repository is ready.");
                log(applyMessage.get());
                return;
            }
            case FAILED, UNREACHABLE, HOST_KEY_CHANGED -> {
                enter(ApplyState.FAILED, Objects.requireNonNullElse(status.message(),
                        "Setting up the repository on its server failed (" + Formats.label(status.state()) + ")."));
                log(applyMessage.get());
                return;
            }
            default -> {
                if (deploying.isPresent() && "RUNNING".equals(deploying.get().state())) {
                    applyProgress.set(deploying.get().percent() / 100.0);
                    enter(ApplyState.DEPLOYING, "Deploying the agent to the server: " + deploying.get().percent() + " %");
                } else {
                    applyProgress.set(-1);
                    enter(ApplyState.INITIALISING, Objects.requireNonNullElse(status.message(),
                            "Setting up the repository on the server…"));
                }
            }
        }
        poll(pollInterval);
    }

    /** Whether this deployment is the one to show: one that runs now, or the one already followed. */
    private boolean followDeployment(DeploymentView deployment) {
        if (followedDeployment == null && "RUNNING".equals(deployment.state())) {
            followedDeployment = deployment.startedAt();
            deploymentLinesShown = 0;
            log("Deploying the agent to the server first.");
        }
        if (followedDeployment == null || !followedDeployment.equals(deployment.startedAt())) {
            return false;
        }
        List<DeploymentView.Line> lines = deployment.log() == null ? List.of() : deployment.log();
        for (DeploymentView.Line line : lines.subList(Math.min(deploymentLinesShown, lines.size()), lines.size())) {
            log(line.text());
        }
        deploymentLinesShown = lines.size();
        return true;
    }

    private void poll(Duration after) {
        UUID id = saved.id();
        UUID serverId = saved.serverId();
        running = tasks.execute(BackgroundTask.of("Setting up the backup repository '" + saved.name() + "'", () -> {
                    Thread.sleep(after);
                    RepositoryView repository = api.repository(id);
                    boolean ready = repository.status() != null && repository.status().state() == AgentState.READY;
                    return new Progress(repository, ready ? Optional.empty() : api.deployment(serverId));
                })
                .onSuccess(this::follow)
                .onFailure(failure -> {
                    if (!closed) {
                        lostTrack = true;
                        enter(ApplyState.FAILED, "Lost track of the repository: " + failure.getMessage()
                                + " Retry looks again.");
                        log(applyMessage.get());
                    }
                }));
    }

    private void enter(ApplyState state, String message) {
        applyState.set(state);
        applyMessage.set(message);
        retryable.set(state == ApplyState.FAILED);
    }

    private void log(String line) {
        if (applyLog.isEmpty() || !applyLog.getLast().equals(line)) {
            applyLog.add(line);
        }
    }

    /** The wizard closed: stop following; what the engine does goes on and the tables show it. */
    public void close() {
        closed = true;
        running.cancel();
    }

    // --- properties -------------------------------------------------------------------------------

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObservableList<ServerView> servers() {
        return servers;
    }

    public ObjectProperty<ServerView> serverProperty() {
        return server;
    }

    public ReadOnlyStringProperty serversMessageProperty() {
        return serversMessage.getReadOnlyProperty();
    }

    public StringProperty pathProperty() {
        return path;
    }

    public ObjectProperty<Integer> maxConcurrentTasksProperty() {
        return maxConcurrentTasks;
    }

    public BooleanProperty encryptProperty() {
        return encrypt;
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

    /** The field's problem (the engine's, or the console's check), or null. Fields: the constants above. */
    public StringBinding fieldError(String field) {
        return Objects.requireNonNull(fieldErrors.get(field), field);
    }

    /** Why the page is not right yet, or null when Next may go on. */
    public StringBinding problem(RepositoryWizardStep step) {
        return problems.get(step);
    }

    /** Whether Next (or Finish) may leave the page. */
    public BooleanBinding valid(RepositoryWizardStep step) {
        return step == RepositoryWizardStep.APPLY ? applyState.isEqualTo(ApplyState.READY) : problems.get(step).isNull();
    }

    public ReadOnlyObjectProperty<ApplyState> applyStateProperty() {
        return applyState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty applyMessageProperty() {
        return applyMessage.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty applyProgressProperty() {
        return applyProgress.getReadOnlyProperty();
    }

    public ObservableList<String> applyLog() {
        return FXCollections.unmodifiableObservableList(applyLog);
    }

    public ReadOnlyBooleanProperty retryableProperty() {
        return retryable.getReadOnlyProperty();
    }

    /** The repository as the engine stored it, once saved. */
    public Optional<RepositoryView> saved() {
        return Optional.ofNullable(saved);
    }
}
