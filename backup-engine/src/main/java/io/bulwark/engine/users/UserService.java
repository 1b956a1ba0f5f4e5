package io.bulwark.engine.users;

import io.bulwark.engine.auth.ApiTokens;
import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.entities.ConflictException;
import io.bulwark.engine.entities.EntityService;
import io.bulwark.engine.entities.FieldErrors;
import io.bulwark.engine.entities.NotFoundException;
import io.bulwark.engine.security.PasswordHasher;
import io.bulwark.engine.users.UserStore.StoredUser;
import io.bulwark.protocol.auth.Role;
import io.bulwark.protocol.users.UserRequest;
import io.bulwark.protocol.users.UserView;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Console and API users. Two rules keep an engine manageable: there is always an Administrator,
 * and nobody deletes the account they are logged in with. A changed password or role ends that
 * user's sessions, so the change takes effect at once.
 */
public class UserService implements EntityService<UserRequest, UserView> {
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final UserStore store;
    private final PasswordHasher hasher;
    private final ApiTokens tokens;
    private final Clock clock;

    public UserService(UserStore store, PasswordHasher hasher, ApiTokens tokens, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public List<UserView> list() {
        return store.list().stream().map(StoredUser::view).toList();
    }

    @Override
    public UserView get(UUID id) {
        return stored(id).view();
    }

    @Override
    public UserView create(UserRequest request, Caller caller) {
        String password = validate(request, null, true);
        Instant now = clock.instant();
        StoredUser user = new StoredUser(UUID.randomUUID(), request.username(), request.role(), hasher.hash(password), now, now);
        store.insert(user);
        return user.view();
    }

    @Override
    public UserView update(UUID id, UserRequest request, Caller caller) {
        StoredUser current = stored(id);
        String password = validate(request, id, false);
        if (current.role() == Role.ADMINISTRATOR && request.role() != Role.ADMINISTRATOR
                && store.countWithRole(Role.ADMINISTRATOR) == 1) {
            throw new ConflictException("'" + current.username() + "' is the last Administrator. Make another user an "
                    + "Administrator first, so that someone can still manage this engine.", Map.of("role", "last Administrator"));
        }
        StoredUser changed = new StoredUser(id, request.username(), request.role(),
                password == null ? current.passwordHash() : hasher.hash(password), current.createdAt(), clock.instant());
        store.update(changed);
        if (password != null || changed.role() != current.role()) {
            tokens.revokeAll(id);
        }
        return changed.view();
    }

    @Override
    public UserView delete(UUID id, Caller caller) {
        StoredUser user = stored(id);
        if (Objects.equals(caller.userId(), id)) {
            throw new ConflictException("You cannot delete the account you are logged in with. Log in as another "
                    + "Administrator to delete '" + user.username() + "'.");
        }
        if (user.role() == Role.ADMINISTRATOR && store.countWithRole(Role.ADMINISTRATOR) == 1) {
            throw new ConflictException("'" + user.username() + "' is the last Administrator and cannot be deleted.");
        }
        store.delete(id);
        return user.view();
    }

    /** Makes the first Administrator; for the engine's first start only. */
    public UserView createInitialAdministrator(String username, String password) {
        Instant now = clock.instant();
        StoredUser user = new StoredUser(UUID.randomUUID(), username, Role.ADMINISTRATOR, hasher.hash(password), now, now);
        store.insert(user);
        return user.view();
    }

    public boolean anyUser() {
        return store.count() > 0;
    }

    /** Returns the new password to hash, or null to keep the current one. */
    private String validate(UserRequest request, UUID id, boolean creating) {
        FieldErrors errors = new FieldErrors();
        String username = errors.name("username", request.username(), 64);
        errors.required("role", request.role());
        String password = request.password();
        if (password == null || password.isEmpty()) {
            if (creating) {
                errors.add("password", "is required");
            }
            password = null;
        } else if (password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            errors.add("password", "must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters long");
        }
        errors.throwIfAny();
        if (store.usernameTaken(username, id)) {
            throw new ConflictException("A user named '" + username + "' already exists. Pick another name.",
                    Map.of("username", "already taken"));
        }
        return password;
    }

    private StoredUser stored(UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("user", id));
    }

}
