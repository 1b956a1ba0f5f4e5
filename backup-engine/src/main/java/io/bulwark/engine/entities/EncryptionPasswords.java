package io.bulwark.engine.entities;

import static io.bulwark.protocol.repositories.EncryptionRequest.MAX_HINT_LENGTH;
import static io.bulwark.protocol.repositories.EncryptionRequest.MAX_PASSWORD_LENGTH;
import static io.bulwark.protocol.repositories.EncryptionRequest.MIN_PASSWORD_LENGTH;

import io.bulwark.protocol.repositories.EncryptionRequest;

/**
 * The rule for an encryption password an admin types, for a repository or a job: what is accepted
 * (the limits are the protocol's, which the console checks too), and what an empty password means
 * (keep the stored one).
 */
public final class EncryptionPasswords {
    private EncryptionPasswords() {
    }

    /**
     * The settings as checked.
     *
     * @param password the password typed, in clear; null when none was (then the stored one is kept)
     */
    public record Typed(boolean enabled, String password, String hint) {
        @Override
        public String toString() {
            return "Typed[enabled=" + enabled + ", password=" + (password == null ? "none" : "(hidden)") + ", hint="
                    + hint + "]";
        }
    }

    /**
     * Checks the request under {@code field}; {@code stored} says whether a password is kept
     * already, which an empty one then keeps. Null means no encryption.
     */
    public static Typed check(FieldErrors errors, String field, EncryptionRequest request, boolean stored) {
        if (request == null) {
            return new Typed(false, null, null);
        }
        String hint = errors.text(field + ".passwordHint", request.passwordHint(), MAX_HINT_LENGTH);
        if (!request.enabled()) {
            return new Typed(false, null, hint);
        }
        String password = request.password() == null || request.password().isEmpty() ? null : request.password();
        if (password != null) {
            if (password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
                errors.add(field + ".password", "must be " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH
                        + " characters long");
            } else if (password.equals(hint)) {
                errors.add(field + ".passwordHint", "must not be the password itself");
            }
        } else if (!stored) {
            errors.add(field + ".password", "is required when encryption is enabled");
        }
        return new Typed(true, password, hint);
    }
}
