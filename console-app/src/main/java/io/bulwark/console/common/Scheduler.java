package io.bulwark.console.common;

import java.time.Duration;

/**
 * Runs something on the FX thread after a delay. View-models that check on the engine now and
 * then ask for it here, so that tests can decide when "later" is.
 */
public interface Scheduler {
    TaskExecutor.Cancellable after(Duration delay, Runnable action);
}
