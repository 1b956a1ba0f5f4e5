-- Bulwark configuration database, version 9: configuration backups.
-- configuration_backups: one row per configuration backup the engine made or handed out. kind: EXPORT (an admin
--   exported it), BEFORE_MIGRATION (the engine saved the configuration before migrating to a newer schema; the file
--   is in DIR/backups), BEFORE_IMPORT (config import saved what it replaced). schema_version: Flyway's version of the
--   rows it holds. username: who asked for it; null when the engine made it by itself.
CREATE TABLE configuration_backups (
    id             UUID PRIMARY KEY,
    taken_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    kind           VARCHAR(16) NOT NULL,
    file_name      VARCHAR(1024) NOT NULL,
    size_bytes     BIGINT NOT NULL,
    schema_version VARCHAR(64) NOT NULL,
    username       VARCHAR(64)
);
CREATE INDEX configuration_backups_taken ON configuration_backups (taken_at);
