package io.bulwark.engine.ssh;

import java.util.Map;

/**
 * A managed host could not be reached or used. The message says what happened and what to do;
 * {@link #details()} carries what a client shows beside it, such as both host key fingerprints.
 * Never carries a secret.
 */
public class HostAccessException extends RuntimeException {
    private final HostProblem problem;
    private final Map<String, String> details;

    public HostAccessException(HostProblem problem, String message) {
        this(problem, message, Map.of(), null);
    }

    public HostAccessException(HostProblem problem, String message, Map<String, String> details, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.details = Map.copyOf(details);
    }

    public HostProblem problem() {
        return problem;
    }

    public Map<String, String> details() {
        return details;
    }
}
