package io.bulwark.agent.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyFileTest {
    private final UUID repository = UUID.randomUUID();
    private final byte[] material = new byte[RepositoryKeys.MATERIAL_BYTES];

    {
        new java.security.SecureRandom().nextBytes(material);
    }

    @Test
    void theRightPasswordOpensTheKeyMaterial() throws Exception {
        KeyFile file = KeyFile.fromJson(KeyFile.create(repository, material, "correct horse", "a horse", Instant.now()).toJson());
        assertThat(file.unwrap(repository, "correct horse")).isEqualTo(material);
        assertThat(new String(file.toJson())).doesNotContain("correct horse").contains("argon2id").contains("a horse");
    }

    @Test
    void aWrongPasswordIsRefusedWithTheHint() {
        KeyFile file = KeyFile.create(repository, material, "correct horse", "a horse", Instant.now());
        assertThatThrownBy(() -> file.unwrap(repository, "wrong horse"))
                .isInstanceOf(KeyFile.WrongPasswordException.class)
                .hasMessage("Wrong repository password. Hint: a horse");
    }

    @Test
    void aNewPasswordWrapsTheSameKeys() throws Exception {
        KeyFile file = KeyFile.create(repository, material, "old password", null, Instant.now());
        KeyFile changed = file.rewrap(repository, "old password", "new password", "new hint", Instant.now());
        assertThat(changed.unwrap(repository, "new password")).isEqualTo(material);
        assertThatThrownBy(() -> changed.unwrap(repository, "old password")).isInstanceOf(KeyFile.WrongPasswordException.class);
        assertThatThrownBy(() -> file.rewrap(repository, "not the old one", "x", null, Instant.now()))
                .isInstanceOf(KeyFile.WrongPasswordException.class);
    }

    @Test
    void aKeyFileDoesNotOpenAnotherRepository() {
        KeyFile file = KeyFile.create(repository, material, "pw", null, Instant.now());
        assertThatThrownBy(() -> file.unwrap(UUID.randomUUID(), "pw")).isInstanceOf(KeyFile.WrongPasswordException.class);
    }
}
