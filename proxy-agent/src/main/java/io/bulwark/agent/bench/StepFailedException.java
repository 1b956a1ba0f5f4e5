package io.bulwark.agent.bench;

/** A step of the benchmark could not be done; the message says which, and carries the command's output. */
final class StepFailedException extends Exception {
    StepFailedException(String message) {
        super(message);
    }

    StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
