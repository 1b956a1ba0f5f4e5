package io.bulwark.console.common;

import static io.bulwark.protocol.repositories.EncryptionRequest.MAX_HINT_LENGTH;
import static io.bulwark.protocol.repositories.EncryptionRequest.MAX_PASSWORD_LENGTH;
import static io.bulwark.protocol.repositories.EncryptionRequest.MIN_PASSWORD_LENGTH;

/**
 * What the console checks of an encryption password typed twice and its hint, for a repository or a
 * job, before the engine checks it again: the same limits as the engine's, and that the two copies
 * agree. Each check answers its problem in words, or null; an empty field has none (what is missing
 * is the page's to say).
 */
public final class EncryptionPasswordRule {
    private EncryptionPasswordRule() {
    }

    public static String passwordProblem(String password) {
        if (password.isEmpty()) {
            return null;
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            return "The password must have at least " + MIN_PASSWORD_LENGTH + " characters.";
        }
        return password.length() > MAX_PASSWORD_LENGTH
                ? "The password may have at most " + MAX_PASSWORD_LENGTH + " characters." : null;
    }

    public static String confirmationProblem(String password, String confirmation) {
        return !confirmation.isEmpty() && !confirmation.equals(password) ? "The passwords do not match." : null;
    }

    /** @param owner what the hint is shown with: "the repository", "the job" */
    public static String hintProblem(String password, String hint, String owner) {
        if (hint.isBlank()) {
            return null;
        }
        if (hint.strip().length() > MAX_HINT_LENGTH) {
            return "The hint may have at most " + MAX_HINT_LENGTH + " characters.";
        }
        // Stripped on both sides: a hint that is the password but for a space gives it away just as well.
        return !password.isEmpty() && hint.strip().equals(password.strip())
                ? "The hint must not be the password itself: everyone who sees " + owner + " can read it." : null;
    }
}
