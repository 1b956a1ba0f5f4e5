package io.bulwark.protocol.users;

import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.auth.Role;
import java.time.Instant;
import java.util.UUID;

public record UserView(UUID id, String username, Role role, Instant createdAt, Instant updatedAt)
        implements EntityView {
    @Override
    public String name() {
        return username;
    }
}
