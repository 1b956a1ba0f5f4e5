package io.bulwark.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.datadir.DataDirectory;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {
    @TempDir
    Path temp;

    @Test
    void roundTripsAndNeverRepeatsACiphertext() {
        SecretCipher cipher = new SecretCipher(MasterKey.open(DataDirectory.open(temp.resolve("a")), null));
        String first = cipher.encrypt("hunter2 ünïcødé", "credentials/1/password");
        String second = cipher.encrypt("hunter2 ünïcødé", "credentials/1/password");
        assertThat(first).startsWith("v1:").doesNotContain("hunter2").isNotEqualTo(second);
        assertThat(cipher.decrypt(first, "credentials/1/password")).isEqualTo("hunter2 ünïcødé");
    }

    @Test
    void aSecretMovedToAnotherPlaceOrChangedDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(MasterKey.open(DataDirectory.open(temp.resolve("a")), null));
        String sealed = cipher.encrypt("secret", "credentials/1/password");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "credentials/2/password"))
                .isInstanceOf(SecretCipher.SecretUnreadableException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "credentials/1/password"))
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void anotherMasterKeyCannotRead() {
        String sealed = new SecretCipher(MasterKey.open(DataDirectory.open(temp.resolve("a")), null)).encrypt("s", "c");
        SecretCipher other = new SecretCipher(MasterKey.open(DataDirectory.open(temp.resolve("b")), null));
        assertThatThrownBy(() -> other.decrypt(sealed, "c")).isInstanceOf(SecretCipher.SecretUnreadableException.class);
    }
}
