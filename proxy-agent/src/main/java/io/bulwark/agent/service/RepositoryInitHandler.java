package io.bulwark.agent.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.remote.ControlHandler;
import io.bulwark.agent.remote.InitialisedRepositories;
import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.repository.RepositoryLayout;
import io.bulwark.protocol.ApiJson;
import io.bulwark.protocol.control.RepositoryInit;
import io.bulwark.protocol.control.RepositoryInitialised;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sets up a repository folder for the engine's repository role. Idempotent, because the engine
 * asks again after any interrupted deployment: a folder that already holds a repository is opened
 * with the password, which proves it is the engine's, and kept as it is.
 */
public final class RepositoryInitHandler implements ControlHandler {
    private final RepositoryOperations operations;
    private final InitialisedRepositories initialised;

    /** For the engine's own host, whose repositories no data listener of this class serves. */
    public RepositoryInitHandler(RepositoryOperations operations) {
        this(operations, null);
    }

    /** @param initialised where the folders are remembered, for the agent's data listener to serve them */
    public RepositoryInitHandler(RepositoryOperations operations, InitialisedRepositories initialised) {
        this.operations = operations;
        this.initialised = initialised;
    }

    @Override
    public Object handle(JsonNode body) throws Exception {
        return initialise(ApiJson.mapper().treeToValue(body, RepositoryInit.class));
    }

    /** Also what the engine calls in-process for the repositories of its own server. */
    public RepositoryInitialised initialise(RepositoryInit request) throws IOException, RepositoryException {
        if (request == null || request.path() == null || request.password() == null) {
            throw new IllegalArgumentException("repository-init needs a path and a password");
        }
        Path directory = Path.of(request.path());
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException(request.path() + " is not an absolute path");
        }
        boolean created = !Files.exists(new RepositoryLayout(directory).config());
        if (created) {
            operations.init(directory, request.password(), request.hint());
        } else {
            operations.points(directory, request.password());
        }
        if (initialised != null) {
            initialised.record(directory);
        }
        return new RepositoryInitialised(directory.toString(), created, Files.getFileStore(directory).getUsableSpace());
    }
}
