package io.bulwark.console.jobs;

import java.util.UUID;

/**
 * A job action started a session (Start, Retry, Active Full, or Finish with "Run the job when I
 * click Finish"). Posted on the session's {@code EventBus}, for the session statistics window to
 * open on it.
 */
public record SessionStarted(UUID sessionId, UUID jobId, String jobName) {
}
