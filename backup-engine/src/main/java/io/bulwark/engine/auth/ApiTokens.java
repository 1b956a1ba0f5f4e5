package io.bulwark.engine.auth;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.auth.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bearer tokens for logged-in users. A token is 256 random bits; the database keeps only its
 * SHA-256, so a copy of the database lets nobody in. Tokens outlive an engine restart and end
 * after the session lifetime (a setting, 12 hours by default), at logout, or when the user's
 * password or role changes.
 */
public class ApiTokens {
    /** A token as handed to the client; the clear value exists only here and on the wire. */
    public record IssuedToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[token=(hidden), expiresAt=" + expiresAt + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(JdbcClient jdbc, Clock clock, Duration lifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public IssuedToken issue(UUID userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        jdbc.sql("DELETE FROM api_tokens WHERE expires_at < ?").param(Columns.timestamp(now)).update();
        jdbc.sql("INSERT INTO api_tokens (token_hash, user_id, issued_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash(token), userId, Columns.timestamp(now), Columns.timestamp(expires))
                .update();
        return new IssuedToken(token, expires);
    }

    /** The caller a token belongs to, if it is known and not expired. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT u.id, u.username, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id
                WHERE t.token_hash = ? AND t.expires_at > ?""")
                .params(hash(token), Columns.timestamp(clock.instant()))
                .query((rs, n) -> new Caller(Columns.uuid(rs, "id"), rs.getString("username"),
                        Role.valueOf(rs.getString("role"))))
                .optional();
    }

    public void revoke(String token) {
        jdbc.sql("DELETE FROM api_tokens WHERE token_hash = ?").param(hash(token)).update();
    }

    public void revokeAll(UUID userId) {
        jdbc.sql("DELETE FROM api_tokens WHERE user_id = ?").param(userId).update();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
