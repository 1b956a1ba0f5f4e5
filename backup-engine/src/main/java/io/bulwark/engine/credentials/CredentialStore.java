package io.bulwark.engine.credentials;

import io.bulwark.engine.database.Columns;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.credentials.CredentialView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code credentials} table. Secrets arrive here already encrypted. */
public class CredentialStore {
    /** A credential as stored; the {@code *Secret} fields are {@link io.bulwark.engine.security.SecretCipher} output. */
    public record StoredCredential(
            UUID id,
            String name,
            CredentialType type,
            String username,
            String description,
            String passwordSecret,
            String privateKeySecret,
            String passphraseSecret,
            Instant createdAt,
            Instant updatedAt) {

        public CredentialView view() {
            return new CredentialView(id, name, type, username, description, passwordSecret != null,
                    privateKeySecret != null, passphraseSecret != null, createdAt, updatedAt);
        }

        @Override
        public String toString() {
            return "StoredCredential[id=" + id + ", name=" + name + ", type=" + type + ", username=" + username + "]";
        }
    }

    private final JdbcClient jdbc;

    public CredentialStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<StoredCredential> list() {
        return jdbc.sql("SELECT * FROM credentials ORDER BY name_key").query(CredentialStore::map).list();
    }

    public Optional<StoredCredential> find(UUID id) {
        return jdbc.sql("SELECT * FROM credentials WHERE id = ?").param(id).query(CredentialStore::map).optional();
    }

    public void insert(StoredCredential c) {
        jdbc.sql("""
                INSERT INTO credentials (id, name, name_key, type, username, description, password_secret,
                    private_key_secret, passphrase_secret, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.id(), c.name(), Columns.nameKey(c.name()), c.type().name(), c.username(), c.description(),
                        c.passwordSecret(), c.privateKeySecret(), c.passphraseSecret(),
                        Columns.timestamp(c.createdAt()), Columns.timestamp(c.updatedAt()))
                .update();
    }

    public void update(StoredCredential c) {
        jdbc.sql("""
                UPDATE credentials SET name = ?, name_key = ?, type = ?, username = ?, description = ?,
                    password_secret = ?, private_key_secret = ?, passphrase_secret = ?, updated_at = ?
                WHERE id = ?""")
                .params(c.name(), Columns.nameKey(c.name()), c.type().name(), c.username(), c.description(),
                        c.passwordSecret(), c.privateKeySecret(), c.passphraseSecret(),
                        Columns.timestamp(c.updatedAt()), c.id())
                .update();
    }

    public void delete(UUID id) {
        jdbc.sql("DELETE FROM credentials WHERE id = ?").param(id).update();
    }

    private static StoredCredential map(ResultSet rs, int row) throws SQLException {
        return new StoredCredential(Columns.uuid(rs, "id"), rs.getString("name"),
                CredentialType.valueOf(rs.getString("type")), rs.getString("username"), rs.getString("description"),
                rs.getString("password_secret"), rs.getString("private_key_secret"), rs.getString("passphrase_secret"),
                Columns.instant(rs, "created_at"), Columns.instant(rs, "updated_at"));
    }
}
