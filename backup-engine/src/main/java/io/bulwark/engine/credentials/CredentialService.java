package io.bulwark.engine.credentials;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.credentials.CredentialStore.StoredCredential;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.credentials.CredentialView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * SSH credentials for managed servers. Secrets are encrypted under the master key before they are
 * stored, bound to their row and field; the API takes them in and never gives them back.
 *
 * <p>On update a secret left out (null) keeps the stored one; an empty passphrase or password
 * clears it.
 */
public class CredentialService implements EntityService<CredentialRequest, CredentialView> {
    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "\\s*-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\\s\\S]+-----END \\1PRIVATE KEY-----\\s*");
    private static final int MAX_SECRET = 4096;
    private static final int MAX_PRIVATE_KEY = 32 * 1024;

    private final CredentialStore store;
    private final SecretCipher cipher;
    private final Lookups lookups;
    private final Clock clock;

    public CredentialService(CredentialStore store, SecretCipher cipher, Lookups lookups, Clock clock) {
        this.store = store;
        this.cipher = cipher;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public List<CredentialView> list() {
        return store.list().stream().map(StoredCredential::view).toList();
    }

    @Override
    public CredentialView get(UUID id) {
        return stored(id).view();
    }

    @Override
    public CredentialView create(CredentialRequest request, Caller caller) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        StoredCredential created = validated(id, request, null, now, now);
        store.insert(created);
        return created.view();
    }

    @Override
    public CredentialView update(UUID id, CredentialRequest request, Caller caller) {
        StoredCredential current = stored(id);
        StoredCredential changed = validated(id, request, current, current.createdAt(), clock.instant());
        store.update(changed);
        return changed.view();
    }

    @Override
    public CredentialView delete(UUID id, Caller caller) {
        StoredCredential credential = stored(id);
        List<String> servers = lookups.namesReferring("managed_servers", "credential_id", id);
        if (!servers.isEmpty()) {
            throw new ConflictException("The credential '" + credential.name() + "' is used by " + String.join(", ", servers)
                    + ". Give those servers other credentials first.");
        }
        store.delete(id);
        return credential.view();
    }

    /** The secrets in clear, for logging in to a server. */
    public CredentialSecrets secrets(UUID id) {
        StoredCredential c = stored(id);
        return new CredentialSecrets(c.username(), open(c.passwordSecret(), id, "password"),
                open(c.privateKeySecret(), id, "private-key"), open(c.passphraseSecret(), id, "passphrase"));
    }

    private StoredCredential validated(UUID id, CredentialRequest request, StoredCredential current,
                                       Instant createdAt, Instant updatedAt) {
        FieldErrors errors = new FieldErrors();
        String name = errors.name("name", request.name(), 128);
        CredentialType type = errors.required("type", request.type());
        String username = errors.name("username", request.username(), 256);
        String description = errors.text("description", request.description(), 1024);
        secretLength(errors, "password", request.password(), MAX_SECRET);
        secretLength(errors, "passphrase", request.passphrase(), MAX_SECRET);
        secretLength(errors, "privateKey", request.privateKey(), MAX_PRIVATE_KEY);
        if (request.privateKey() != null && !request.privateKey().isEmpty()
                && !errors.has("privateKey") && !PRIVATE_KEY.matcher(request.privateKey()).matches()) {
            errors.add("privateKey", "must be a private key in OpenSSH or PEM format "
                    + "(from -----BEGIN ... PRIVATE KEY----- to -----END ... PRIVATE KEY-----)");
        }

        String password = replaced(request.password(), current == null ? null : current.passwordSecret(), id, "password");
        String privateKey = replaced(request.privateKey(), current == null ? null : current.privateKeySecret(), id, "private-key");
        String passphrase = replaced(request.passphrase(), current == null ? null : current.passphraseSecret(), id, "passphrase");
        if (type == CredentialType.PASSWORD) {
            if (password == null && !errors.has("password")) {
                errors.add("password", "is required for a password credential");
            }
            privateKey = null;
            passphrase = null;
        } else if (type == CredentialType.PRIVATE_KEY && privateKey == null && !errors.has("privateKey")) {
            errors.add("privateKey", "is required for a private key credential");
        }
        errors.throwIfAny();
        if (lookups.nameTaken("credentials", name, id)) {
            throw new ConflictException("A credential named '" + name + "' already exists. Pick another name.",
                    Map.of("name", "already taken"));
        }
        return new StoredCredential(id, name, type, username, description, password, privateKey, passphrase,
                createdAt, updatedAt);
    }

    /** The stored form of a secret after a request: kept (null), cleared (empty) or replaced. */
    private String replaced(String given, String stored, UUID id, String field) {
        if (given == null) {
            return stored;
        }
        return given.isEmpty() ? null : cipher.encrypt(given, context(id, field));
    }

    private String open(String stored, UUID id, String field) {
        return stored == null ? null : cipher.decrypt(stored, context(id, field));
    }

    private static String context(UUID id, String field) {
        return "credentials/" + id + "/" + field;
    }

    private static void secretLength(FieldErrors errors, String field, String secret, int max) {
        if (secret != null && secret.length() > max) {
            errors.add(field, "must be at most " + max + " characters");
        }
    }

    private StoredCredential stored(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("credential", id));
    }

}
