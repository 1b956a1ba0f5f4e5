package io.bulwark.engine.ssh;

/**
 * What went wrong reaching a managed host, in the terms an admin acts on. The console and the
 * server's record show the message; this names the kind, so callers can decide what to offer
 * (accept a new host key, fix the credential, retry).
 */
public enum HostProblem {
    /** The name does not resolve, or no route leads to the address. */
    UNREACHABLE,
    /** The address answers, but nothing listens on the SSH port. */
    REFUSED,
    /** The host did not answer in time. */
    TIMEOUT,
    /** The connection dropped while working. */
    DISCONNECTED,
    /** The host's key has not been accepted by an admin yet. */
    HOST_KEY_UNKNOWN,
    /** The host presents another key than the one pinned. */
    HOST_KEY_CHANGED,
    /** The account, password or key was refused. */
    AUTHENTICATION,
    /** The stored private key cannot be opened with the stored passphrase. */
    KEY_PASSPHRASE,
    /** The account may not elevate with sudo, or sudo refused its password. */
    ELEVATION,
    /** The host lacks the free space a step needs. */
    NO_SPACE,
    /** A command on the host failed. */
    COMMAND
}
