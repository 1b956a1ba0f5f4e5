package io.bulwark.agent.repository;

/** A repository cannot be used as asked; the message says why and what to do. */
public class RepositoryException extends Exception {
    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
