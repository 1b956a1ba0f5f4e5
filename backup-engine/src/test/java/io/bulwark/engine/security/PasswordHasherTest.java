package io.bulwark.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1024, 1, 1);

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void writesArgon2idInThePhcFormatWithItsParameters() {
        assertThat(new PasswordHasher().hash("x")).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void aHashMadeWithOtherParametersStillVerifies() {
        String older = new PasswordHasher(2048, 2, 1).hash("kept across upgrades");
        assertThat(hasher.verify("kept across upgrades", older)).isTrue();
    }

    @Test
    void rejectsWhatIsNotAHash() {
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.verify("x", "plain text")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA")).isFalse();
    }
}
