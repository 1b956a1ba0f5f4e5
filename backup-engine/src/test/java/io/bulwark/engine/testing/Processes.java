package io.bulwark.engine.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the peers the tests start, by PID, the way an admin or a service manager would. */
final class Processes {
    private Processes() {
    }

    /**
     * Sends SIGTERM, waits up to {@code grace} for an orderly exit, then SIGKILL.
     *
     * @return the exit status, or -1 if the process outlived even SIGKILL's wait
     */
    static int terminate(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }
}
