package io.bulwark.console.shell;

import io.bulwark.console.backups.Backups;
import io.bulwark.console.backups.BackupsView;
import io.bulwark.console.backups.BackupsViewModel;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.configbackup.ConfigurationBackup;
import io.bulwark.console.configbackup.ConfigurationBackupApi;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.FxScheduler;
import io.bulwark.console.common.FxTaskExecutor;
import io.bulwark.console.credentials.EngineCredentialApi;
import io.bulwark.console.proxies.EngineProxyApi;
import io.bulwark.console.servers.EngineServerApi;
import io.bulwark.console.servers.ServerActions;
import io.bulwark.console.table.RowAction;
import io.bulwark.console.connection.ConnectionEvents.SessionEnded;
import io.bulwark.console.connection.EngineConnection;
import io.bulwark.console.connection.EventStream;
import io.bulwark.console.history.History;
import io.bulwark.console.inventory.Inventory;
import io.bulwark.console.inventory.InventoryApi;
import io.bulwark.console.inventory.VirtualizationHosts;
import io.bulwark.console.jobs.BackupJobs;
import io.bulwark.console.jobs.JobApi;
import io.bulwark.console.jobs.JobRowSource;
import io.bulwark.console.jobs.SessionStarted;
import io.bulwark.console.jobs.Jobs;
import io.bulwark.console.proxies.BackupProxies;
import io.bulwark.console.repositories.AddRepository;
import io.bulwark.console.repositories.AddServerRequested;
import io.bulwark.console.repositories.BackupRepositories;
import io.bulwark.console.repositories.RepositoryApi;
import io.bulwark.console.restore.Restore;
import io.bulwark.console.restore.RestoreApi;
import io.bulwark.console.servers.ManagedServers;
import io.bulwark.console.sessions.OpenSessionStatistics;
import io.bulwark.console.sessions.SessionApi;
import io.bulwark.console.sessions.SessionStatistics;
import io.bulwark.console.table.EngineEntitySource;
import io.bulwark.console.table.EntityTableViewModel;
import io.bulwark.console.table.TableDefinition;
import io.bulwark.console.trafficrules.TrafficRules;
import io.bulwark.console.trafficrules.TrafficRulesApi;
import io.bulwark.console.trafficrules.TrafficRulesViewModel;
import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.auth.Role;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * Everything that lives as long as one login: the event bus, the event stream, and the
 * view-models of the main window. Closing it stops them all; nothing of it outlives the login.
 */
public final class ConsoleSession implements AutoCloseable {
    private static final Duration LOGOUT_WAIT = Duration.ofSeconds(2);

    private final EngineConnection connection;
    private final EventStream events;
    private final List<EntityTableViewModel<?>> views;
    private final MainWindowViewModel mainWindow;
    private final SessionStatistics statistics;
    private volatile boolean closed;

    /** @param onSessionEnded runs on the FX thread, once, with the engine's reason, when it ends the session */
    public ConsoleSession(EngineConnection connection, FxTaskExecutor tasks, DialogService dialogs,
                          Consumer<String> onSessionEnded) {
        this.connection = connection;
        EventBus bus = new EventBus(Platform::runLater);
        connection.client().onSessionEnded(message -> bus.publish(new SessionEnded(message)));
        bus.subscribe(SessionEnded.class, ended -> {
            if (!closed) {
                closed = true;
                onSessionEnded.accept(ended.message());
            }
        });

        JobApi jobApi = JobApi.of(connection.client());
        var jobs = new EntityTableViewModel<>(Jobs.definition(), new JobRowSource(jobApi), tasks, dialogs, bus);
        var servers = view(ManagedServers.definition(), tasks, dialogs, bus);
        var proxies = view(BackupProxies.definition(), tasks, dialogs, bus);
        EngineServerApi serverApi = new EngineServerApi(connection.client());
        InfrastructureWizards wizards = new InfrastructureWizards(serverApi, new EngineProxyApi(connection.client()),
                new EngineCredentialApi(connection.client()), tasks, new FxScheduler(), bus, dialogs);
        servers.setActions(new ServerActions(serverApi, tasks, dialogs).actions(wizards::newServer, wizards::editServer));
        proxies.setActions(List.of(RowAction.always("action-add-proxy", "Add Proxy…", Material2AL.ADD_CIRCLE_OUTLINE,
                wizards::addProxy)));
        var repositories = view(BackupRepositories.definition(), tasks, dialogs, bus);
        var history = view(History.definition(), tasks, dialogs, bus);
        BackupJobs backupJobs = new BackupJobs(jobApi, tasks, dialogs, bus);
        jobs.setActions(backupJobs.actions());
        var virtualizationHosts = view(VirtualizationHosts.definition(), tasks, dialogs, bus);
        Inventory inventory = new Inventory(InventoryApi.of(connection.client()), virtualizationHosts, tasks, dialogs);
        // Statistics (and a double-click) opens a session's statistics window; so may any feature, by event.
        this.statistics = new SessionStatistics(SessionApi.of(connection.client()), tasks, new FxScheduler(), bus,
                Clock.systemDefaultZone());
        history.setActions(List.of(History.statistics(bus)));
        history.setOpenAction(History.statistics(bus));
        // A job action or the job wizard started a session: its statistics window follows it, as in Veeam.
        bus.subscribe(SessionStarted.class, started -> bus.publish(new OpenSessionStatistics(started.sessionId())));
        Restore restore = new Restore(RestoreApi.of(connection.client()), tasks, dialogs, bus);
        var backups = view(Backups.definition(), tasks, dialogs, bus);
        BackupsViewModel backupsTree = new BackupsViewModel(backups, restore::showWizard);
        this.views = List.of(jobs, servers, proxies, repositories, history, backups, virtualizationHosts);

        List<NavigationNode> navigation = List.of(
                NavigationNode.view("Home", Material2AL.HOME, jobs),
                NavigationNode.custom("Inventory", Material2AL.COMPUTER, virtualizationHosts, inventory::view),
                NavigationNode.custom("Backups", Material2MZ.RESTORE, backups, () -> new BackupsView(backupsTree).node()),
                NavigationNode.group("Backup Infrastructure", Material2MZ.STORAGE,
                        NavigationNode.view("Managed Servers", Material2AL.DNS, servers),
                        NavigationNode.view("Backup Proxies", Material2AL.DEVICE_HUB, proxies),
                        NavigationNode.view("Backup Repositories", Material2AL.ARCHIVE, repositories)),
                NavigationNode.view("History", Material2AL.HISTORY, history));
        StatusBarViewModel statusBar = new StatusBarViewModel(connection, bus, tasks.busyProperty(),
                tasks.currentTitleProperty());
        AddRepository addRepository = new AddRepository(RepositoryApi.of(connection.client()), tasks, dialogs, bus);
        TrafficRules trafficRules = new TrafficRules(new TrafficRulesViewModel(
                TrafficRulesApi.of(connection.client()), tasks, dialogs), dialogs, bus);
        // Add Repository's "Add New…" server: the New Linux Server wizard answers it.
        bus.subscribe(AddServerRequested.class, request -> wizards.newServer());
        ConfigurationBackup configurationBackup = new ConfigurationBackup(
                ConfigurationBackupApi.of(connection.client()), tasks, dialogs, connection.engine().hostname());
        List<MenuCommand> mainMenu = MenuCommand.visibleTo(connection.user().role(), List.of(
                new MenuCommand("menu-new-job", "Backup Job…", backupJobs::newJob),
                new MenuCommand("menu-add-server", "Add Server…", wizards::newServer),
                new MenuCommand("menu-add-proxy", "Add Backup Proxy…", wizards::addProxy),
                new MenuCommand("menu-add-repository", "Add Backup Repository…", addRepository::showWizard),
                new MenuCommand("menu-traffic-rules", "Network Traffic Rules…", trafficRules::showDialog),
                new MenuCommand("menu-restore", "Restore…", restore::showWizard),
                // A configuration backup holds every secret of the engine: Administrators only, as the engine says.
                new MenuCommand("menu-configuration-backup", "Configuration Backup…", Role.ADMINISTRATOR,
                        configurationBackup::showDialog)));
        this.mainWindow = new MainWindowViewModel("Bulwark Backup & Replication — " + connection.engine().hostname()
                + " (" + connection.address() + ")", navigation, statusBar, mainMenu);
        this.events = new EventStream(connection.client(), bus);
    }

    private <T extends EntityView> EntityTableViewModel<T> view(TableDefinition<T> definition, FxTaskExecutor tasks,
                                                                DialogService dialogs, EventBus bus) {
        return new EntityTableViewModel<>(definition, EngineEntitySource.of(connection.client(), definition), tasks,
                dialogs, bus);
    }

    /**
     * Loads every view and starts listening for changes. The views load again when the stream is
     * open, so that no change between the two goes unseen.
     */
    public void start() {
        views.forEach(EntityTableViewModel::reload);
        events.start();
    }

    public MainWindowViewModel mainWindow() {
        return mainWindow;
    }

    @Override
    public void close() {
        closed = true;
        statistics.closeAll();
        events.close();
        connection.client().close();
    }

    /** For leaving the console: ends the session on the engine too, waiting a moment at most. */
    public void logOutAndClose() {
        closed = true;
        statistics.closeAll();
        events.close();
        Thread logout = Thread.ofVirtual().name("logout").start(connection.client()::logOutQuietly);
        try {
            logout.join(LOGOUT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.client().close();
    }
}
