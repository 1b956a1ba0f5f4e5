package io.bulwark.engine.runs;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.service.RepositoryInitHandler;
import io.bulwark.agent.service.RepositoryMaintenanceHandlers;
import io.bulwark.engine.deploy.AgentControl;
import io.bulwark.engine.repositories.RepositoryRekey;
import io.bulwark.engine.runs.BackupFolders.BackupFolder;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlDone;
import io.bulwark.protocol.control.RepositoryPasswordChange;
import io.bulwark.protocol.control.ControlRequest;
import io.bulwark.protocol.control.RepositoryForget;
import io.bulwark.protocol.control.RepositoryForgotten;
import io.bulwark.protocol.control.RepositoryInit;
import io.bulwark.protocol.control.RepositoryInitialised;
import io.bulwark.protocol.control.RepositoryVerified;
import io.bulwark.protocol.control.RepositoryVerify;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.ServerView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Setting up, retention, health checks and new passwords on a repository or a job's folder in it
 * ({@link BackupFolder}), done where the repository is: by the engine itself
 * for the backup server's repositories, else by the repository server's agent over its control
 * channel. Both can take as long as reading the repository does.
 */
public class RepositoryMaintenance implements RepositoryRekey {
    private static final Duration LONGEST = Duration.ofHours(12);

    private final AgentControl control;
    private final RepositoryOperations inProcess;
    private final ServerService servers;
    public RepositoryMaintenance(AgentControl control, RepositoryOperations inProcess, ServerService servers) {
        this.control = control;
        this.inProcess = inProcess;
        this.servers = servers;
    }

    /**
     * Sets up a folder of the repository's host as a repository of its own, sealed with the folder's
     * password, and has the host's agent serve it. Answers whether it made it: a folder set up before
     * is only opened, which proves the password.
     */
    public boolean initialise(BackupFolder folder, String hint) {
        RepositoryInit request = new RepositoryInit(folder.path(), folder.password(), hint);
        ServerView server = servers.get(folder.repository().serverId());
        RepositoryInitialised done = server.builtIn()
                ? locally(() -> new RepositoryInitHandler(inProcess).initialise(request))
                : remotely(server, ControlChannel.INIT_REPOSITORY, request, RepositoryInitialised.class);
        return done.created();
    }

    /** Forgets the named restore points and frees the blocks nothing else needs. */
    public RepositoryForgotten forget(BackupFolder folder, List<String> pointIds) {
        RepositoryForget request = new RepositoryForget(folder.path(), folder.password(), pointIds, true);
        ServerView server = servers.get(folder.repository().serverId());
        if (server.builtIn()) {
            return locally(() -> RepositoryMaintenanceHandlers.forget(inProcess, Path.of(folder.path()), request));
        }
        return remotely(server, ControlChannel.REPOSITORY_FORGET, request, RepositoryForgotten.class);
    }

    /**
     * Reads back the blocks the named restore points of the folder need; answers those it could not
     * restore. Other jobs' blocks in the same folder are not read.
     */
    public RepositoryVerified verify(BackupFolder folder, List<String> pointIds) {
        RepositoryVerify request = new RepositoryVerify(folder.path(), folder.password(), pointIds);
        ServerView server = servers.get(folder.repository().serverId());
        if (server.builtIn()) {
            return locally(() -> RepositoryMaintenanceHandlers.verify(inProcess, Path.of(folder.path()), request));
        }
        return remotely(server, ControlChannel.REPOSITORY_VERIFY, request, RepositoryVerified.class);
    }

    @Override
    public void change(RepositoryView repository, String oldPassword, String newPassword, String hint) {
        change(BackupFolder.ofRepository(repository, oldPassword), newPassword, hint);
    }

    /** Seals the folder with the new password where it is (its key file only; the data stays as it is). */
    public void change(BackupFolder folder, String newPassword, String hint) {
        RepositoryPasswordChange request = new RepositoryPasswordChange(folder.path(), folder.password(), newPassword,
                hint);
        ServerView server = servers.get(folder.repository().serverId());
        if (server.builtIn()) {
            locally(() -> {
                inProcess.changePassword(Path.of(folder.path()), folder.password(), newPassword, hint);
                return null;
            });
        } else {
            remotely(server, ControlChannel.REPOSITORY_PASSWORD, request, ControlDone.class);
        }
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private static <T> T locally(Work<T> work) {
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private <T> T remotely(ServerView server, String op, Object body, Class<T> answer) {
        return control.call(server.address(), server.ports().controlPort(), LONGEST,
                new ControlRequest(op, ApiJson.mapper().valueToTree(body)), answer);
    }
}
