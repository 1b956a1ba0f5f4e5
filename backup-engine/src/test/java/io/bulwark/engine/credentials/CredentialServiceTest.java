package io.bulwark.engine.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.entities.ValidationException;
import io.bulwark.engine.security.MasterKey;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.engine.testing.MigratedDatabase;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.credentials.CredentialView;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How stored secrets are kept, replaced, cleared and read back for the SSH client. */
class CredentialServiceTest {
    private static final String KEY = """
            -----BEGIN OPENSSH PRIVATE KEY-----
            b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
            -----END OPENSSH PRIVATE KEY-----
            """;

    @TempDir
    Path temp;
    MigratedDatabase database;
    CredentialService credentials;

    @BeforeEach
    void setUp() {
        database = new MigratedDatabase(temp);
        SecretCipher cipher = new SecretCipher(MasterKey.open(DataDirectory.open(temp.resolve("data")), null));
        credentials = new CredentialService(new CredentialStore(database.jdbc()), cipher, new Lookups(database.jdbc()),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aPrivateKeyAndItsPassphraseReadBackForTheSshClient() {
        CredentialView key = create(new CredentialRequest("deploy key", CredentialType.PRIVATE_KEY, "backup", "sudo pw",
                KEY, "key phrase", null));
        CredentialSecrets secrets = credentials.secrets(key.id());
        assertThat(secrets.privateKey()).isEqualTo(KEY);
        assertThat(secrets.passphrase()).isEqualTo("key phrase");
        assertThat(secrets.password()).as("the password sudo asks for").isEqualTo("sudo pw");
        assertThat(secrets.toString()).doesNotContain("key phrase").doesNotContain("sudo pw");
    }

    @Test
    void anUpdateKeepsWhatItLeavesOutAndClearsWhatItEmpties() {
        CredentialView key = create(new CredentialRequest("deploy key", CredentialType.PRIVATE_KEY, "backup", null,
                KEY, "key phrase", null));
        credentials.update(key.id(), new CredentialRequest("renamed", CredentialType.PRIVATE_KEY, "backup", null, null,
                null, "kept secrets"), Caller.SYSTEM);
        assertThat(credentials.secrets(key.id()).passphrase()).isEqualTo("key phrase");
        CredentialView cleared = credentials.update(key.id(), new CredentialRequest("renamed", CredentialType.PRIVATE_KEY,
                "backup", null, null, "", null), Caller.SYSTEM);
        assertThat(cleared.passphraseSet()).isFalse();
        assertThat(credentials.secrets(key.id()).passphrase()).isNull();
        assertThat(credentials.secrets(key.id()).privateKey()).isEqualTo(KEY);
    }

    @Test
    void switchingToAPasswordNeedsOneAndDropsTheKey() {
        CredentialView key = create(new CredentialRequest("k", CredentialType.PRIVATE_KEY, "root", null, KEY, null, null));
        assertThatThrownBy(() -> credentials.update(key.id(), new CredentialRequest("k", CredentialType.PASSWORD, "root",
                null, null, null, null), Caller.SYSTEM))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields()).containsKey("password"));
        CredentialView password = credentials.update(key.id(), new CredentialRequest("k", CredentialType.PASSWORD, "root",
                "now a password", null, null, null), Caller.SYSTEM);
        assertThat(password.privateKeySet()).isFalse();
        assertThat(credentials.secrets(key.id()).password()).isEqualTo("now a password");
    }

    @Test
    void somethingThatIsNotAPrivateKeyIsRefused() {
        assertThatThrownBy(() -> create(new CredentialRequest("k", CredentialType.PRIVATE_KEY, "root", null,
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI public key by mistake", null, null)))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fields().get("privateKey")).contains("OpenSSH or PEM"));
    }

    private CredentialView create(CredentialRequest request) {
        return credentials.create(request, Caller.SYSTEM);
    }
}
