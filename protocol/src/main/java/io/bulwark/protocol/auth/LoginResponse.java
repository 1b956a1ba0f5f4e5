package io.bulwark.protocol.auth;

import io.bulwark.protocol.users.UserView;
import java.time.Instant;

/** A bearer token for the {@code Authorization} header, valid until {@code expiresAt}. */
public record LoginResponse(String token, Instant expiresAt, UserView user) {
    @Override
    public String toString() {
        return "LoginResponse[token=(hidden), expiresAt=" + expiresAt + ", user=" + user + "]";
    }
}
