package io.bulwark.engine.security;

import io.bulwark.engine.database.Columns;
import io.bulwark.engine.datadir.DataDirectory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The master key, the cipher for stored secrets, and password hashing. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * Opens the master key and checks it against the database; a new database records the key's
     * check value, so that a later start can tell a wrong or missing key from a new installation.
     */
    @Bean(destroyMethod = "destroy")
    public MasterKey masterKey(DataDirectory directory, JdbcClient jdbc, Clock clock) {
        String expected = jdbc.sql("SELECT master_key_check FROM engine_identity WHERE id = 1")
                .query(String.class).optional().orElse(null);
        MasterKey key = MasterKey.open(directory, expected);
        if (expected == null) {
            jdbc.sql("INSERT INTO engine_identity (id, created_at, master_key_check) VALUES (1, ?, ?)")
                    .params(Columns.timestamp(clock.instant()), key.checkValue())
                    .update();
        }
        return key;
    }

    @Bean
    public SecretCipher secretCipher(MasterKey masterKey) {
        return new SecretCipher(masterKey);
    }

    @Bean
    public PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }
}
