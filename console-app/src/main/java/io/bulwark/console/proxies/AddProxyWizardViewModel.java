package io.bulwark.console.proxies;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.Formats;
import io.bulwark.console.common.OpenTrafficRules;
import io.bulwark.console.common.Poller;
import io.bulwark.console.common.Scheduler;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.servers.ServerApi;
import io.bulwark.console.wizard.ApplyProgress;
import io.bulwark.console.wizard.ApplyState;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.proxies.TransportModeRules;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Add Proxy, page by page: the server (with its transport mode and datastores), how many tasks it
 * runs at once, the traffic rules that apply to it, a review, then the proxy saved and followed
 * live until it is ready (the engine deploys the server's agent when it is not), and the end.
 */
public final class AddProxyWizardViewModel {
    private static final Set<String> WATCHED = Set.of(ApiPaths.collection(ApiPaths.SERVERS),
            ApiPaths.collection(ApiPaths.PROXIES));
    /** The states in which a proxy will not become ready without an admin, once no deployment runs. */
    private static final Set<AgentState> STUCK = Set.of(AgentState.FAILED, AgentState.UNREACHABLE,
            AgentState.HOST_KEY_CHANGED, AgentState.NOT_INSTALLED, AgentState.UPGRADE_AVAILABLE);
    static final int DEFAULT_TASKS = 2;
    static final int MAX_TASKS = 128;

    private final ProxyApi proxies;
    private final ServerApi servers;
    private final TaskExecutor tasks;
    private final Scheduler scheduler;
    private final EventBus bus;
    private final Runnable unsubscribe;

    private final ObservableList<ServerChoice> serverChoices = FXCollections.observableArrayList();
    private final ObjectProperty<ServerChoice> server = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper serversError = new ReadOnlyStringWrapper("");
    private final StringProperty description = new SimpleStringProperty("");
    private final ObjectProperty<TransportSettings> transport = new SimpleObjectProperty<>(TransportSettings.DEFAULTS);
    private final ObjectProperty<DatastoreSelection> datastores = new SimpleObjectProperty<>(DatastoreSelection.AUTOMATIC);
    private final StringProperty maxTasks = new SimpleStringProperty(String.valueOf(DEFAULT_TASKS));
    private final ObservableList<TrafficRuleView> trafficRules = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper trafficRulesNote = new ReadOnlyStringWrapper("");

    private final ApplyProgress progress = new ApplyProgress();
    private final ReadOnlyObjectWrapper<ProxyView> proxy = new ReadOnlyObjectWrapper<>();
    private Poller<ProxyProgress> following;
    private boolean deploymentAsked;
    /** A deploy request is on its way: until it is answered, an old state of the agent says nothing. */
    private boolean askingForDeployment;

    private final StringBinding serverProblem = Bindings.createStringBinding(this::checkServer, server, transport,
            datastores, serverChoices);
    private final StringBinding tasksProblem = Bindings.createStringBinding(this::checkTasks, maxTasks);
    private final BooleanBinding applyUnfinished = Bindings.createBooleanBinding(
            () -> progress.state() != ApplyState.SUCCEEDED, progress.stateProperty());
    private final BooleanBinding noWayBack = Bindings.createBooleanBinding(
            () -> proxy.get() != null || progress.state() == ApplyState.RUNNING, proxy, progress.stateProperty());

    /** What one read of a proxy being set up finds: the proxy, and its server's latest deployment. */
    record ProxyProgress(ProxyView proxy, Optional<DeploymentView> deployment) {
        boolean deploying() {
            return deployment.filter(d -> "RUNNING".equals(d.state())).isPresent();
        }
    }

    public AddProxyWizardViewModel(ProxyApi proxies, ServerApi servers, TaskExecutor tasks, Scheduler scheduler,
                                   EventBus bus) {
        this.proxies = proxies;
        this.servers = servers;
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.bus = bus;
        // One task per CPU core is what a proxy can keep busy; the admin may change it on the next page.
        server.subscribe(choice -> maxTasks.set(String.valueOf(proposedTasks(choice))));
        // Network is the only mode a hardened repository may use: choose it rather than show an error.
        server.subscribe(choice -> {
            TransportSettings chosen = transport.get();
            if (choice != null && TransportModeRules.forbiddenBecause(chosen.mode(), choice.server()) != null) {
                transport.set(new TransportSettings(TransportMode.NETWORK, chosen.failoverToNetwork(),
                        chosen.hostToProxyEncryption()));
            }
        });
        this.unsubscribe = bus.subscribe(ChangeEvent.class, change -> {
            if (following != null && WATCHED.contains(change.collection())) {
                following.poke();
            }
        });
    }

    // --- Server -----------------------------------------------------------------------------------

    /** Reads the managed servers and which of them already hold a proxy; the first page calls it. */
    public void loadServers() {
        loadServers(null);
    }

    /** After "Add New…": reads the servers again and chooses the new one. */
    public void serverAdded(ServerView added) {
        loadServers(added.id());
    }

    private void loadServers(UUID choose) {
        UUID chosen = choose != null ? choose : Optional.ofNullable(server.get()).map(c -> c.server().id()).orElse(null);
        tasks.execute(BackgroundTask.of("Loading managed servers", () -> choices(servers.list(), proxies.list()))
                .onSuccess(loaded -> {
                    serverChoices.setAll(loaded);
                    serversError.set("");
                    server.set(loaded.stream().filter(c -> c.server().id().equals(chosen)).findFirst()
                            .or(() -> loaded.stream().filter(ServerChoice::available).findFirst()).orElse(null));
                })
                .onFailure(failure -> serversError.set("Cannot load the managed servers: " + message(failure))));
    }

    static List<ServerChoice> choices(List<ServerView> all, List<ProxyView> existing) {
        Map<UUID, ProxyView> proxyOf = existing.stream().collect(Collectors.toMap(ProxyView::serverId,
                Function.identity(), (a, b) -> a));
        return all.stream()
                .sorted(Comparator.comparing(ServerView::name, String.CASE_INSENSITIVE_ORDER))
                .map(candidate -> {
                    ProxyView holder = proxyOf.get(candidate.id());
                    return new ServerChoice(candidate, holder == null ? null
                            : "already a backup proxy ('" + holder.name() + "'); a server holds one");
                })
                .toList();
    }

    private String checkServer() {
        ServerChoice choice = server.get();
        if (choice == null) {
            return serverChoices.isEmpty() ? "There is no managed server yet. Add one with Add New…."
                    : "Choose the server to make a backup proxy, or add one with Add New….";
        }
        if (!choice.available()) {
            return choice.server().name() + " is " + choice.unavailableBecause() + ". Choose another server.";
        }
        String transportProblem = TransportModeRules.unavailableBecause(transport.get().mode(), choice.server());
        if (transportProblem != null) {
            return transportProblem;
        }
        DatastoreSelection selection = datastores.get();
        if (!selection.automatic() && selection.paths().isEmpty()) {
            return "Choose at least one datastore, or let the proxy detect them automatically.";
        }
        return "";
    }

    /** The server's datastores for the datastores dialog: what its analysis found. */
    public List<String> knownDatastores() {
        HostFacts facts = Optional.ofNullable(server.get()).map(c -> c.server().facts()).orElse(null);
        return facts == null || facts.datastores() == null ? List.of() : facts.datastores();
    }

    /** Why each transport mode cannot work on the chosen server; absent modes can. */
    public Map<TransportMode, String> unavailableModes() {
        ServerView chosen = Optional.ofNullable(server.get()).map(ServerChoice::server).orElse(null);
        Map<TransportMode, String> unavailable = new EnumMap<>(TransportMode.class);
        for (TransportMode mode : TransportModes.all()) {
            String why = TransportModeRules.unavailableBecause(mode, chosen);
            if (why != null) {
                unavailable.put(mode, why);
            }
        }
        return unavailable;
    }

    // --- Traffic ----------------------------------------------------------------------------------

    static int proposedTasks(ServerChoice choice) {
        Integer cores = choice == null || choice.server().facts() == null ? null : choice.server().facts().cpuCores();
        return cores == null || cores < 1 ? DEFAULT_TASKS : Math.min(cores, MAX_TASKS);
    }

    private String checkTasks() {
        Integer tasksAtOnce = number(maxTasks.get());
        if (tasksAtOnce == null || tasksAtOnce < 1 || tasksAtOnce > MAX_TASKS) {
            return "Max concurrent tasks must be a number from 1 to " + MAX_TASKS + ".";
        }
        return "";
    }

    /** Reads the traffic rules that apply to the chosen server; the traffic page calls it. */
    public void loadTrafficRules() {
        ServerChoice choice = server.get();
        if (choice == null) {
            return;
        }
        trafficRulesNote.set("Reading the rules that apply to " + choice.server().address() + "…");
        tasks.execute(BackgroundTask.of("Loading traffic rules", () -> proxies.trafficRules(choice.server().id()))
                .onSuccess(rules -> {
                    trafficRules.setAll(rules);
                    trafficRulesNote.set(rules.isEmpty() ? "No network traffic rule applies to "
                            + choice.server().address() + ": its traffic is neither throttled nor encrypted by a rule."
                            : "");
                })
                .onFailure(failure -> {
                    trafficRules.clear();
                    trafficRulesNote.set("Cannot read the traffic rules: " + message(failure));
                }));
    }

    /** "Manage…": asks whoever owns the Network Traffic Rules dialog to open it. */
    public void manageTrafficRules() {
        bus.publish(new OpenTrafficRules());
    }

    // --- Review -----------------------------------------------------------------------------------

    public List<Detail> review() {
        ServerChoice choice = server.get();
        TransportSettings chosen = transport.get();
        return List.of(
                new Detail("Server", choice == null ? "" : choice.server().name()),
                new Detail("Description", description.get().strip()),
                new Detail("Transport mode", chosen.mode().title()),
                new Detail("Failover to network mode", Formats.yesNo(chosen.failoverToNetwork())),
                new Detail("Host to proxy encryption", Formats.yesNo(chosen.hostToProxyEncryption())),
                new Detail("Datastores", datastores.get().automatic() ? "Automatic detection"
                        : String.join(", ", datastores.get().paths())),
                new Detail("Max concurrent tasks", maxTasks.get().strip()),
                new Detail("Agent", choice == null || choice.server().agent() == null
                        || choice.server().agent().state() != AgentState.READY
                        ? "Will be deployed to the server first" : "Ready on the server"));
    }

    // --- Apply ------------------------------------------------------------------------------------

    /** Saves the proxy (once) and follows it until it is ready; also Retry after a failure. */
    public void apply() {
        if (progress.state() == ApplyState.RUNNING || progress.state() == ApplyState.SUCCEEDED) {
            return;
        }
        ProxyView saved = proxy.get();
        if (saved != null) {
            progress.begin("Deploying the agent to " + saved.serverName() + " again");
            deploymentAsked = false;
            askForDeployment(saved);
            follow(saved);
            return;
        }
        ServerView target = server.get().server();
        TransportSettings chosen = transport.get();
        ProxyRequest request = new ProxyRequest(target.name(), blank(description.get()), target.id(), chosen.mode(),
                chosen.failoverToNetwork(), chosen.hostToProxyEncryption(), datastores.get(), number(maxTasks.get()));
        progress.begin("Saving the backup proxy on " + target.name());
        deploymentAsked = false;
        tasks.execute(BackgroundTask.of("Saving the backup proxy " + target.name(), () -> proxies.create(request))
                .onSuccess(created -> {
                    proxy.set(created);
                    progress.note("Saved the backup proxy " + created.name());
                    follow(created);
                })
                .onFailure(failure -> progress.failed("The engine did not save the proxy: " + message(failure))));
    }

    private void follow(ProxyView saved) {
        if (following != null) {
            following.stop();
        }
        following = new Poller<>("Following the backup proxy " + saved.name(),
                () -> {
                    // The deployment first: the proxy's state, read after it, is then at least as new.
                    Optional<DeploymentView> deployment = servers.deployment(saved.serverId());
                    return new ProxyProgress(proxies.get(saved.id()), deployment);
                },
                this::over, this::show,
                failure -> progress.failed("Lost track of the proxy: " + message(failure)), tasks, scheduler);
        following.start();
    }

    private boolean over(ProxyProgress read) {
        AgentState state = read.proxy().status() == null ? AgentState.READY : read.proxy().status().state();
        return state == AgentState.READY
                || (deploymentAsked && !askingForDeployment && !read.deploying() && STUCK.contains(state));
    }

    private void show(ProxyProgress read) {
        proxy.set(read.proxy());
        read.deployment().ifPresent(progress::show);
        AgentState state = read.proxy().status() == null ? AgentState.READY : read.proxy().status().state();
        if (state == AgentState.READY) {
            progress.succeeded("The backup proxy " + read.proxy().name() + " is ready.");
        } else if (read.deploying() || state == AgentState.INSTALLING) {
            deploymentAsked = true; // the engine deploys; follow it
        } else if (!deploymentAsked) {
            // Where the engine has not started a deployment for the new proxy, the console asks for one.
            askForDeployment(read.proxy());
        } else if (!askingForDeployment && STUCK.contains(state)) {
            String reason = read.proxy().status().message();
            progress.failed(reason == null || reason.isBlank() ? "The agent on " + read.proxy().serverName()
                    + " is " + Formats.label(state).toLowerCase(Locale.ROOT) + "." : reason);
        }
    }

    private void askForDeployment(ProxyView saved) {
        deploymentAsked = true;
        askingForDeployment = true;
        progress.note("Deploying the agent to " + saved.serverName());
        tasks.execute(BackgroundTask.of("Deploying the agent to " + saved.serverName(),
                        () -> servers.deploy(saved.serverId()))
                .onSuccess(started -> {
                    askingForDeployment = false;
                    progress.show(started);
                    if (following != null) {
                        following.poke();
                    }
                })
                .onFailure(failure -> {
                    askingForDeployment = false;
                    if (following != null) {
                        following.stop();
                    }
                    progress.failed("The engine did not start the deployment: " + message(failure));
                }));
    }

    /** Stops following the proxy; the wizard calls it when it closes, however it closes. */
    public void close() {
        if (following != null) {
            following.stop();
        }
        unsubscribe.run();
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.toString());
    }

    // --- Properties -------------------------------------------------------------------------------

    public ObservableList<ServerChoice> serverChoices() {
        return serverChoices;
    }

    public ObjectProperty<ServerChoice> serverProperty() {
        return server;
    }

    public ReadOnlyStringProperty serversErrorProperty() {
        return serversError.getReadOnlyProperty();
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObjectProperty<TransportSettings> transportProperty() {
        return transport;
    }

    public ObjectProperty<DatastoreSelection> datastoresProperty() {
        return datastores;
    }

    public StringProperty maxTasksProperty() {
        return maxTasks;
    }

    public ObservableList<TrafficRuleView> trafficRules() {
        return trafficRules;
    }

    /** Why the table is empty, or what is being read. */
    public ReadOnlyStringProperty trafficRulesNoteProperty() {
        return trafficRulesNote.getReadOnlyProperty();
    }

    public ApplyProgress progress() {
        return progress;
    }

    public ReadOnlyObjectProperty<ProxyView> proxyProperty() {
        return proxy.getReadOnlyProperty();
    }

    public StringBinding serverProblem() {
        return serverProblem;
    }

    public StringBinding tasksProblem() {
        return tasksProblem;
    }

    public BooleanBinding applyUnfinished() {
        return applyUnfinished;
    }

    public BooleanBinding noWayBack() {
        return noWayBack;
    }
}
