package io.bulwark.protocol.repositories;

import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.servers.RoleStatus;
import java.time.Instant;
import java.util.UUID;

public record RepositoryView(
        UUID id,
        String name,
        String description,
        UUID serverId,
        String serverName,
        String path,
        int maxConcurrentTasks,
        EncryptionView encryption,
        boolean builtIn,
        RoleStatus status,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
