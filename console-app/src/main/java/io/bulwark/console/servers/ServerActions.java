package io.bulwark.console.servers;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.ServerView;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.kordamp.ikonli.material2.Material2AL;
import org.kordamp.ikonli.material2.Material2MZ;

/**
 * What an admin does to managed servers from the Managed Servers view. Rescan, Upgrade and Retry
 * only start the work on the engine; the State column follows it through the change events.
 * Remove is this view's own rather than the table's: it uninstalls the agent before forgetting.
 */
public final class ServerActions {
    private final ServerApi servers;
    private final TaskExecutor tasks;
    private final DialogService dialogs;

    public ServerActions(ServerApi servers, TaskExecutor tasks, DialogService dialogs) {
        this.servers = servers;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /**
     * @param addServer  runs the New Linux Server wizard
     * @param editServer runs Edit Server on a server; the engine's own host has no SSH settings to edit
     */
    public List<RowAction<ServerView>> actions(Runnable addServer, Consumer<ServerView> editServer) {
        return List.of(
                RowAction.always("action-add-server", "Add Server…", Material2AL.ADD_CIRCLE_OUTLINE, addServer),
                RowAction.onRow("action-edit-server", "Edit…", Material2AL.EDIT, server -> !server.builtIn(), editServer),
                RowAction.onRow("action-remove-server", "Remove…", Material2MZ.REMOVE_CIRCLE_OUTLINE,
                        server -> !server.builtIn(), this::remove),
                RowAction.onRow("action-rescan", "Rescan", Material2MZ.SYNC, server -> !server.builtIn(), this::rescan),
                RowAction.onRow("action-upgrade", "Upgrade", Material2AL.ARROW_CIRCLE_UP,
                        server -> ManagedServers.state(server) == AgentState.UPGRADE_AVAILABLE,
                        server -> deploy(server, "Upgrading the agent on ")),
                RowAction.onRow("action-retry", "Retry", Material2MZ.REPLAY,
                        server -> ManagedServers.state(server) == AgentState.FAILED,
                        server -> deploy(server, "Deploying the agent to ")));
    }

    /** Analyses the host again and checks its agent. */
    public void rescan(ServerView server) {
        tasks.execute(BackgroundTask.of("Rescanning " + server.name(), () -> servers.rescan(server.id()))
                .onFailure(failure -> dialogs.showError("Cannot rescan " + server.name(), message(failure))));
    }

    /** Upgrade and Retry are one deployment: it installs, upgrades or repairs what the host needs. */
    public void deploy(ServerView server, String what) {
        tasks.execute(BackgroundTask.of(what + server.name(), () -> servers.deploy(server.id()))
                .onFailure(failure -> dialogs.showError("Cannot deploy the agent to " + server.name(),
                        message(failure))));
    }

    /**
     * Uninstalls the agent and forgets the server, after the admin confirmed. A host that cannot
     * be reached may be forgotten anyway, after a second question, with what is on it left there.
     */
    public void remove(ServerView server) {
        if (!dialogs.showConfirmation("Remove the server '" + server.name() + "'?", "Bulwark uninstalls its agent and "
                + "everything else of Bulwark from " + server.address() + ", then forgets the server. Backups in "
                + "repository folders stay on the host. Its proxy and repositories must be removed first.", "Remove")) {
            return;
        }
        tasks.execute(BackgroundTask.<Void>of("Removing " + server.name(), () -> {
                    servers.remove(server, false);
                    return null;
                })
                .onFailure(failure -> {
                    if (!hostProblem(failure)) {
                        dialogs.showError("Cannot remove " + server.name(), message(failure));
                    } else if (dialogs.showConfirmation("Cannot remove the agent from '" + server.name() + "'",
                            message(failure) + "\n\nForget the server anyway? What Bulwark put on the host stays "
                                    + "there until someone removes it by hand.", "Forget")) {
                        forget(server);
                    }
                }));
    }

    /** The engine could not reach the host or log in to it: its answer names the host's problem. */
    private static boolean hostProblem(Exception failure) {
        return failure instanceof EngineRefusedException refused && refused.fields().containsKey("problem");
    }

    private void forget(ServerView server) {
        tasks.execute(BackgroundTask.<Void>of("Forgetting " + server.name(), () -> {
                    servers.remove(server, true);
                    return null;
                })
                .onFailure(failure -> dialogs.showError("Cannot remove " + server.name(), message(failure))));
    }

    private static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.toString());
    }
}
