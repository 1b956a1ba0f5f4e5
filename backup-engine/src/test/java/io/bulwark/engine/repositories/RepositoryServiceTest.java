package io.bulwark.engine.repositories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.entities.ValidationException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.engine.testing.MigratedDatabase;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.repositories.RepositoryView;
import java.nio.file.Path;
import java.time.Clock;
import io.bulwark.protocol.servers.RoleStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository password: kept encrypted so the engine can open the repository, and never lost by an edit. */
class RepositoryServiceTest {
    @TempDir
    Path temp;
    MigratedDatabase database;
    RepositoryService repositories;
    SecretCipher cipher;
    UUID serverId;

    @BeforeEach
    void setUp() {
        database = new MigratedDatabase(temp);
        Lookups lookups = new Lookups(database.jdbc());
        ServerStore servers = new ServerStore(database.jdbc());
        serverId = new ServerService(servers, lookups, Clock.systemUTC()).createBuiltIn("localhost", null).id();
        cipher = new SecretCipher(MasterKey.open(DataDirectory.open(temp.resolve("data")), null));
        repositories = new RepositoryService(new RepositoryStore(database.jdbc()), servers, cipher, lookups,
                new ChangeEvents(Clock.systemUTC()), Clock.systemUTC(), (repository, before, after, hint) -> { });
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void thePasswordReadsBackAndSurvivesAnEditThatLeavesItOut() {
        RepositoryView repository = repositories.create(request(new EncryptionRequest(true, "correct horse", "a horse")),
                Caller.SYSTEM);
        assertThat(repositories.password(repository.id())).contains("correct horse");
        repositories.update(repository.id(), request(new EncryptionRequest(true, null, "still a horse")), Caller.SYSTEM);
        assertThat(repositories.password(repository.id())).contains("correct horse");
        assertThat(repositories.get(repository.id()).encryption().passwordHint()).isEqualTo("still a horse");
    }

    @Test
    void turningEncryptionOffForgetsThePassword() {
        RepositoryView repository = repositories.create(request(new EncryptionRequest(true, "correct horse", null)),
                Caller.SYSTEM);
        RepositoryView plain = repositories.update(repository.id(), request(new EncryptionRequest(false, null, null)),
                Caller.SYSTEM);
        assertThat(plain.encryption().passwordSet()).isFalse();
        assertThat(repositories.password(repository.id())).as("still sealed, with one nobody types")
                .hasValueSatisfying(password -> assertThat(password).isNotEqualTo("correct horse"));
    }

    @Test
    void aNewPasswordForARepositorySetUpOnItsHostIsSealedThereFirstAndKeptOnlyWhenThatWorked() {
        List<String> resealed = new ArrayList<>();
        RepositoryRekey host = (repository, before, after, hint) -> {
            if (after.equals("the host says no")) {
                throw new IllegalStateException("The repository's key file is read-only.");
            }
            resealed.add(before + " -> " + after);
        };
        repositories = new RepositoryService(new RepositoryStore(database.jdbc()), new ServerStore(database.jdbc()),
                cipher, new Lookups(database.jdbc()), new ChangeEvents(Clock.systemUTC()), Clock.systemUTC(), host);
        UUID id = repositories.create(request(new EncryptionRequest(true, "correct horse", null)), Caller.SYSTEM).id();
        repositories.recordSetup(id, RoleStatus.READY);

        repositories.update(id, request(new EncryptionRequest(true, "battery staple", null)), Caller.SYSTEM);

        assertThat(resealed).containsExactly("correct horse -> battery staple");
        assertThat(repositories.password(id)).contains("battery staple");
        assertThatThrownBy(() -> repositories.update(id, request(new EncryptionRequest(true, "the host says no", null)),
                Caller.SYSTEM)).hasMessageContaining("read-only");
        assertThat(repositories.password(id)).as("the password that opens it").contains("battery staple");
        repositories.update(id, request(new EncryptionRequest(false, null, null)), Caller.SYSTEM);
        assertThat(resealed).hasSize(2);
        assertThat(resealed.get(1)).startsWith("battery staple -> ").doesNotEndWith("battery staple");
    }

    @Test
    void encryptionNeedsAPasswordThatIsNotItsOwnHint() {
        assertThatThrownBy(() -> repositories.create(request(new EncryptionRequest(true, null, null)), Caller.SYSTEM))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsKey("encryption.password"));
        assertThatThrownBy(() -> repositories.create(request(new EncryptionRequest(true, "same thing", "same thing")),
                Caller.SYSTEM))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields().get("encryption.passwordHint")).contains("not be the password"));
    }

    private RepositoryRequest request(EncryptionRequest encryption) {
        return new RepositoryRequest("Offsite", null, serverId, "/srv/offsite", 4, encryption);
    }
}
