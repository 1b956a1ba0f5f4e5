package io.bulwark.engine.entities;

import io.bulwark.protocol.repositories.EncryptionRequest;

/**
 * The rule for an encryption password an admin types, for a repository or a job: what is accepted,
 * and what an empty password means (keep the stored one).
 */
public final class EncryptionPasswords {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;

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
        String hint = errors.text(field + ".passwordHint", request.passwordHint(), 256);
        if (!request.enabled()) {
            return new Typed(false, null, hint);
        }
        String password = request.password() == null || request.password().isEmpty() ? null : request.password();
        if (password != null) {
            if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
                errors.add(field + ".password", "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
            } else if (password.equals(hint)) {
                errors.add(field + ".passwordHint", "must not be the password itself");
            }
        } else if (!stored) {
            errors.add(field + ".password", "is required when encryption is enabled");
        }
        return new Typed(true, password, hint);
    }
}
