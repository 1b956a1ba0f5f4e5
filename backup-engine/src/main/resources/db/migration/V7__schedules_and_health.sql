-- Bulwark configuration database, version 7: schedules and health checks.
-- jobs.next_run_at: when the job's schedule next starts it (null for manual jobs and AFTER_JOB ones). The engine
--   keeps it current; a value already past when the engine starts is a run missed while it was down, and is
--   reported as such before the schedule moves on.
-- jobs.next_health_check_at: likewise for the job's health check.
-- restore_points.health / checked_at: what the last health check found (BackupHealth), and when.
ALTER TABLE jobs ADD COLUMN next_run_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE jobs ADD COLUMN next_health_check_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE restore_points ADD COLUMN health VARCHAR(16) DEFAULT 'UNVERIFIED' NOT NULL;
ALTER TABLE restore_points ADD COLUMN checked_at TIMESTAMP WITH TIME ZONE;
