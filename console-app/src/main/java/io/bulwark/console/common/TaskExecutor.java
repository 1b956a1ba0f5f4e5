package io.bulwark.console.common;

/** Runs {@link BackgroundTask}s off the FX thread. */
public interface TaskExecutor {
    /** Starts the task; the returned handle cancels it (its callbacks then never run). */
    Cancellable execute(BackgroundTask<?> task);

    /** A running task that can be given up on. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
