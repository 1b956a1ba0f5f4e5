package io.bulwark.protocol.credentials;

import io.bulwark.protocol.EntityView;
import java.time.Instant;
import java.util.UUID;

/** A stored credential as the API shows it: which secrets are set, never the secrets. */
public record CredentialView(
        UUID id,
        String name,
        CredentialType type,
        String username,
        String description,
        boolean passwordSet,
        boolean privateKeySet,
        boolean passphraseSet,
        Instant createdAt,
        Instant updatedAt) implements EntityView {
}
