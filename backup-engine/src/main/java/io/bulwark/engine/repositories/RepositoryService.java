package io.bulwark.engine.repositories;

import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.database.Lookups;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.events.ChangeEvents;
import io.bulwark.engine.entities.EncryptionPasswords;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.HostPaths;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.repositories.RepositoryStore.StoredRepository;
import io.bulwark.engine.security.SecretCipher;
import io.bulwark.engine.servers.ServerStore;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.repositories.EncryptionView;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.RoleStatus;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.ServerView;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Backup repositories: folders on managed servers where restore points are stored. The repository
 * password is kept encrypted under the master key, so the engine can open the repository for
 * jobs and restores; the hint is what a person reads when they have to type it themselves.
 */
public class RepositoryService implements EntityService<RepositoryRequest, RepositoryView> {
    public static final String DEFAULT_NAME = "Default Backup Repository";
    public static final int DEFAULT_TASKS = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RepositoryStore store;
    private final RepositoryRekey rekey;
    private final ServerStore servers;
    private final SecretCipher cipher;
    private final Lookups lookups;
    private final ChangeEvents events;
    private final Clock clock;

    public RepositoryService(RepositoryStore store, ServerStore servers, SecretCipher cipher, Lookups lookups,
                             ChangeEvents events, Clock clock, RepositoryRekey rekey) {
        this.rekey = rekey;
        this.store = store;
        this.events = events;
        this.servers = servers;
        this.cipher = cipher;
        this.lookups = lookups;
        this.clock = clock;
    }

    @Override
    public List<RepositoryView> list() {
        return store.list().stream().map(StoredRepository::view).toList();
    }

    @Override
    public RepositoryView get(UUID id) {
        return stored(id).view();
    }

    @Override
    public RepositoryView create(RepositoryRequest request, Caller caller) {
        Instant now = clock.instant();
        StoredRepository repository = validated(UUID.randomUUID(), request, null, now, now);
        store.insert(repository);
        return get(repository.view().id());
    }

    @Override
    public RepositoryView update(UUID id, RepositoryRequest request, Caller caller) {
        StoredRepository current = stored(id);
        StoredRepository changed = validated(id, request, current, current.view().createdAt(), clock.instant());
        boolean moved = !changed.view().path().equals(current.view().path())
                || !changed.view().serverId().equals(current.view().serverId());
        String before = setupPassword(id);
        String after;
        if (!changed.view().encryption().enabled()) {
            // Nobody types a password now, but the repository stays sealed: with a new one the engine makes
            // when the admin's is dropped, so that the admin's is forgotten for good.
            after = current.view().encryption().enabled() ? randomPassword() : before;
            changed = new StoredRepository(changed.view(), cipher.encrypt(after, context(id)));
        } else {
            after = cipher.decrypt(changed.passwordSecret(), context(id));
        }
        if (!moved && !after.equals(before) && current.view().status() != null
                && current.view().status().state() == AgentState.READY) {
            // The host's repository first: if it cannot be resealed, the engine keeps the password that opens it.
            rekey.change(current.view(), before, after, changed.view().encryption().passwordHint());
        }
        store.update(changed);
        if (moved) {
            // A new place holds no repository yet: it is set up again there.
            store.recordSetup(id, null);
        }
        return get(id);
    }

    @Override
    public RepositoryView delete(UUID id, Caller caller) {
        RepositoryView repository = get(id);
        if (repository.builtIn()) {
            throw new ConflictException("'" + repository.name() + "' is the backup server's default repository and "
                    + "cannot be removed.");
        }
        List<String> jobs = lookups.namesReferring("jobs", "repository_id", id);
        if (!jobs.isEmpty()) {
            throw new ConflictException("'" + repository.name() + "' is the target of the jobs " + String.join(", ", jobs)
                    + ". Point those jobs at another repository first.");
        }
        store.delete(id);
        return repository;
    }

    /** Adds the default repository in the engine's data directory; for the first start. */
    public RepositoryView createDefault(ServerView thisServer, String path) {
        Instant now = clock.instant();
        RepositoryView repository = new RepositoryView(UUID.randomUUID(), DEFAULT_NAME, "Created with the backup server",
                thisServer.id(), thisServer.name(), path, DEFAULT_TASKS, new EncryptionView(false, false, null), true,
                RoleStatus.READY, now, now);
        store.insert(new StoredRepository(repository, null));
        return get(repository.id());
    }

    /** The repository password in clear, for opening the repository. */
    public Optional<String> password(UUID id) {
        StoredRepository repository = stored(id);
        return Optional.ofNullable(repository.passwordSecret()).map(s -> cipher.decrypt(s, context(id)));
    }

    /**
     * The password the repository is set up with on its host: the admin's, or, for a repository
     * without one, a random one the engine makes now and keeps encrypted. Bulwark repositories are
     * always sealed; "no encryption password" means nobody has to type one at restore.
     */
    public String setupPassword(UUID id) {
        return password(id).orElseGet(() -> {
            String generated = randomPassword();
            store.recordPassword(id, cipher.encrypt(generated, context(id)));
            return generated;
        });
    }

    private static String randomPassword() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Records how the repository's setup on its host went, and tells the consoles. */
    public void recordSetup(UUID id, RoleStatus setup) {
        store.recordSetup(id, setup);
        events.publish(ApiPaths.collection(ApiPaths.REPOSITORIES), ChangeAction.UPDATED, id, ChangeEvents.ENGINE);
    }

    private StoredRepository validated(UUID id, RepositoryRequest request, StoredRepository current,
                                       Instant createdAt, Instant updatedAt) {
        boolean builtIn = current != null && current.view().builtIn();
        FieldErrors errors = new FieldErrors();
        String name = errors.name("name", request.name(), 128);
        String description = errors.text("description", request.description(), 1024);
        Optional<ServerView> server = Optional.empty();
        if (errors.required("serverId", request.serverId()) != null) {
            server = servers.find(request.serverId());
            if (server.isEmpty()) {
                errors.add("serverId", "names no managed server");
            }
        }
        String path = errors.name("path", request.path(), 4096);
        HostPaths.check(errors, "path", path);
        if (builtIn && (!current.view().serverId().equals(request.serverId()) || !current.view().path().equals(path))) {
            errors.add("path", "cannot change: the default repository stays in the engine's data directory");
        }
        Integer tasks = errors.range("maxConcurrentTasks", request.maxConcurrentTasks(), 1, 128, DEFAULT_TASKS);

        EncryptionPasswords.Typed encryption = EncryptionPasswords.check(errors, "encryption", request.encryption(),
                current != null && current.passwordSecret() != null);
        String hint = encryption.hint();
        String secret = null;
        if (encryption.enabled()) {
            secret = encryption.password() != null ? cipher.encrypt(encryption.password(), context(id))
                    : current == null ? null : current.passwordSecret();
        }
        errors.throwIfAny();
        if (lookups.nameTaken("backup_repositories", name, id)) {
            throw new ConflictException("A repository named '" + name + "' already exists. Pick another name.",
                    Map.of("name", "already taken"));
        }
        store.findByLocation(request.serverId(), path).filter(other -> !other.view().id().equals(id)).ifPresent(other -> {
            throw new ConflictException(path + " on '" + other.view().serverName() + "' is already the repository '"
                    + other.view().name() + "'.", Map.of("path", "already a repository"));
        });
        RepositoryView view = new RepositoryView(id, name, description, request.serverId(), server.get().name(), path,
                tasks, new EncryptionView(encryption.enabled(), secret != null, hint), builtIn,
                // Read back from the store, which derives it from the server's agent and the setup.
                null, createdAt, updatedAt);
        return new StoredRepository(view, secret);
    }

    private static String context(UUID id) {
        return "repositories/" + id + "/encryption-password";
    }

    private StoredRepository stored(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("backup repository", id));
    }
}
