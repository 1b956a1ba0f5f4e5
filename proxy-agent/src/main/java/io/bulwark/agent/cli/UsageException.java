package io.bulwark.agent.cli;

/** The command line is wrong; the message says how. Exit status 1. */
final class UsageException extends Exception {
    UsageException(String message) {
        super(message);
    }
}
