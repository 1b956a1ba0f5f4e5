-- Bulwark configuration database, version 6: running jobs.
-- jobs.storage: the job's proxies, compression and block size (JobStorage as JSON); null for the defaults.
-- job_session_details: what the session statistics window shows (SessionDetails without the session itself, as
--   JSON): each VM with its tasks and log, the stage load and the throughput chart. Written while the session runs
--   and once more when it ends.
-- restore_points: one row per VM per successful run; disks lists, for each disk, the repository's restore point
--   that holds it and the dirty bitmap added with it (RestorePointDisk as JSON).
ALTER TABLE jobs ADD COLUMN storage VARCHAR(4096);

CREATE TABLE job_session_details (
    session_id UUID PRIMARY KEY REFERENCES job_sessions (id) ON DELETE CASCADE,
    details    VARCHAR(1048576) NOT NULL
);

CREATE TABLE restore_points (
    id            UUID PRIMARY KEY,
    job_id        UUID REFERENCES jobs (id) ON DELETE SET NULL,
    job_name      VARCHAR(128) NOT NULL,
    vm_reference  VARCHAR(1100) NOT NULL,
    vm_name       VARCHAR(255) NOT NULL,
    repository_id UUID NOT NULL REFERENCES backup_repositories (id) ON DELETE CASCADE,
    session_id    UUID,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    disks         VARCHAR(1048576) NOT NULL
);
CREATE INDEX restore_points_vm ON restore_points (vm_reference, created_at);
CREATE INDEX restore_points_job ON restore_points (job_id);
