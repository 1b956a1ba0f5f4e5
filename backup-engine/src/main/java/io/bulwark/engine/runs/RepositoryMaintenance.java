package io.bulwark.engine.runs;

import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.service.RepositoryMaintenanceHandlers;
import io.bulwark.engine.deploy.AgentControl;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.ControlChannel;
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
public class RepositoryMaintenance {
    private static final Duration LONGEST = Duration.ofHours(12);

    private final AgentControl control;
    private final RepositoryOperations inProcess;
    private final ServerService servers;
    private final RepositoryService repositories;

    public RepositoryMaintenance(AgentControl control, RepositoryOperations inProcess, ServerService servers,
                                 RepositoryService repositories) {
        this.control = control;
        this.inProcess = inProcess;
        this.servers = servers;
        this.repositories = repositories;
    }

    /** Forgets the named restore points and frees the blocks nothing else needs. */
    public RepositoryForgotten forget(RepositoryView repository, List<String> pointIds) {
        RepositoryForget request = new RepositoryForget(repository.path(), repositories.setupPassword(repository.id()),
                pointIds, true);
        ServerView server = servers.get(repository.serverId());
        if (server.builtIn()) {
            return locally(() -> RepositoryMaintenanceHandlers.forget(inProcess, Path.of(repository.path()), request));
        }
        return remotely(server, ControlChannel.REPOSITORY_FORGET, request, RepositoryForgotten.class);
    }

    /** Reads the repository back; answers the restore points it could not restore. */
    public RepositoryVerified verify(RepositoryView repository) {
        String password = repositories.setupPassword(repository.id());
        ServerView server = servers.get(repository.serverId());
        if (server.builtIn()) {
            return locally(() -> RepositoryMaintenanceHandlers.verify(inProcess, Path.of(repository.path()), password));
        }
        return remotely(server, ControlChannel.REPOSITORY_VERIFY, new RepositoryVerify(repository.path(), password),
                RepositoryVerified.class);
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
