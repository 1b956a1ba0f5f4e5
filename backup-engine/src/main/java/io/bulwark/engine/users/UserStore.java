package io.bulwark.engine.users;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.users.UserView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code users} table. */
public class UserStore {
    /** A user as stored, with the password hash that never leaves the engine. */
    public record StoredUser(UUID id, String username, Role role, String passwordHash, Instant createdAt, Instant updatedAt) {
        public UserView view() {
            return new UserView(id, username, role, createdAt, updatedAt);
        }
    }

    private final JdbcClient jdbc;

    public UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredUser> list() {
        return jdbc.sql("SELECT * FROM users ORDER BY username_key").query(UserStore::map).list();
    }

    public Optional<StoredUser> find(UUID id) {
        return jdbc.sql("SELECT * FROM users WHERE id = ?").param(id).query(UserStore::map).optional();
    }

    public Optional<StoredUser> findByUsername(String username) {
        return jdbc.sql("SELECT * FROM users WHERE username_key = ?").param(Columns.nameKey(username))
                .query(UserStore::map).optional();
    }

    public boolean usernameTaken(String username, UUID exceptId) {
        return findByUsername(username).filter(u -> !u.id().equals(exceptId)).isPresent();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    public long countWithRole(Role role) {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = ?").param(role.name()).query(Long.class).single();
    }

    public void insert(StoredUser user) {
        jdbc.sql("""
                INSERT INTO users (id, username, username_key, role, password_hash, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(user.id(), user.username(), Columns.nameKey(user.username()), user.role().name(),
                        user.passwordHash(), Columns.timestamp(user.createdAt()), Columns.timestamp(user.updatedAt()))
                .update();
    }

    public void update(StoredUser user) {
        jdbc.sql("""
                UPDATE users SET username = ?, username_key = ?, role = ?, password_hash = ?, updated_at = ?
                WHERE id = ?""")
                .params(user.username(), Columns.nameKey(user.username()), user.role().name(), user.passwordHash(),
                        Columns.timestamp(user.updatedAt()), user.id())
                .update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update();
    }

    private static StoredUser map(ResultSet rs, int row) throws SQLException {
        return new StoredUser(Columns.uuid(rs, "id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getString("password_hash"), Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
