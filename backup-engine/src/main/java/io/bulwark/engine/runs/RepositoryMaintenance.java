package io.bulwark.engine.runs;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.service.RepositoryMaintenanceHandlers;
import io.bulwark.engine.deploy.AgentControl;
import io.bulwark.engine.repositories.RepositoryRekey;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
import io.bulwark.protocol.control.ControlDone;
import io.bulwark.protocol.control.RepositoryPasswordChange;
import io.bulwark.protocol.control.ControlRequest;
import io.bulwark.protocol.control.RepositoryForget;
import io.bulwark.protocol.control.RepositoryForgotten;
import io.bulwark.protocol.control.RepositoryVerified;
import io.bulwark.protocol.control.RepositoryVerify;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.ServerView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Retention and health checks on a repository, done where the repository is: by the engine itself
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

    /** Forgets the named restore points and frees the blocks nothing else needs. */
    public RepositoryForgotten forget(RepositoryView repository, String password, List<String> pointIds) {
        RepositoryForget request = new RepositoryForget(repository.path(), password, pointIds, true);
        ServerView server = servers.get(repository.serverId());
        if (server.builtIn()) {
            return locally(() -> RepositoryMaintenanceHandlers.forget(inProcess, Path.of(repository.path()), request));
        }
        return remotely(server, ControlChannel.REPOSITORY_FORGET, request, RepositoryForgotten.class);
    }

    /** Reads the repository back; answers the restore points it could not restore. */
    public RepositoryVerified verify(RepositoryView repository, String password) {
        ServerView server = servers.get(repository.serverId());
        if (server.builtIn()) {
            return locally(() -> RepositoryMaintenanceHandlers.verify(inProcess, Path.of(repository.path()), password));
        }
        return remotely(server, ControlChannel.REPOSITORY_VERIFY, new RepositoryVerify(repository.path(), password),
                RepositoryVerified.class);
    }

    /** Seals the repository with the new password where it is (its key file only; the data stays as it is). */
    @Override
    public void change(RepositoryView repository, String oldPassword, String newPassword, String hint) {
        RepositoryPasswordChange request = new RepositoryPasswordChange(repository.path(), oldPassword, newPassword,
                hint);
        ServerView server = servers.get(repository.serverId());
        if (server.builtIn()) {
            locally(() -> {
                inProcess.changePassword(Path.of(repository.path()), oldPassword, newPassword, hint);
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
