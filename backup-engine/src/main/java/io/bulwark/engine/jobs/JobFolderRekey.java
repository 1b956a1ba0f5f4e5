package io.bulwark.engine.jobs;

import io.bulwark.protocol.jobs.JobView;

/**
 * Reseals, on the repository's host, the folder a job with its own encryption password writes to.
 * As with a repository's password, the engine keeps a new password only once the folder took it.
 */
public interface JobFolderRekey {
    void change(JobView job, String oldPassword, String newPassword, String hint);
}
