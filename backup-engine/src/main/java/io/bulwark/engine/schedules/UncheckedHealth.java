package io.bulwark.engine.schedules;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health check of an engine that has none: it says so in the log each time a check comes due,
 * so that nobody takes a schedule that ran for a verification that did not.
 */
final class UncheckedHealth implements JobHealthCheck {
    private static final Logger log = LoggerFactory.getLogger(UncheckedHealth.class);

    @Override
    public void check(UUID jobId) {
        log.warn("The health check of job {} came due, but this engine has no health check to run: its restore "
                + "points were not verified. Run './bulwark verify' on the repository to check them by hand.", jobId);
    }
}
