-- Bulwark configuration database, version 8: a job's own encryption password.
-- jobs.encryption_enabled: the job seals its backups with a password of its own, in a folder of its own in the
--   repository (REPOSITORY/jobs/JOB_ID) rather than in the repository's own folder.
-- jobs.encryption_password_secret / encryption_password_hint: that password under the master key, and its hint. The
--   secret stays when encryption is turned off: the job's folder is still sealed with it.
-- restore_points.folder: the folder on the repository's host that holds the point; null for the repository's own.
-- restore_points.password_secret: the password that opens that folder, under the master key, so that the point stays
--   restorable when its job is deleted; null for the repository's own folder (the repository's password opens it).
ALTER TABLE jobs ADD COLUMN encryption_enabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE jobs ADD COLUMN encryption_password_secret VARCHAR(4096);
ALTER TABLE jobs ADD COLUMN encryption_password_hint VARCHAR(256);
ALTER TABLE restore_points ADD COLUMN folder VARCHAR(4096);
ALTER TABLE restore_points ADD COLUMN password_secret VARCHAR(4096);
