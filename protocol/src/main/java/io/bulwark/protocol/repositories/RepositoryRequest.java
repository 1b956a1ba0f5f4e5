package io.bulwark.protocol.repositories;

import java.util.UUID;

/** Adds or changes a backup repository: a folder on a managed server. */
public record RepositoryRequest(
        String name,
        String description,
        UUID serverId,
        String path,
        Integer maxConcurrentTasks,
        EncryptionRequest encryption) {
}
