package io.bulwark.engine.auth;

import io.bulwark.protocol.auth.Role;
import java.util.UUID;

/** Who is making a request: a logged-in user, or the engine itself ({@link #SYSTEM}). */
public record Caller(UUID userId, String username, Role role) {
    public static final Caller SYSTEM = new Caller(null, "system", Role.ADMINISTRATOR);
}
