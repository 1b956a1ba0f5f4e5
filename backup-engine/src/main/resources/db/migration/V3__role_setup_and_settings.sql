-- Bulwark configuration database, version 3: repository setup on the host, and engine-wide settings.
-- backup_repositories.setup_status: JSON (RoleStatus) of the repository's initialisation through the agent. NULL means
-- not initialised yet. The repository's state in the API combines it with its server's agent state.
ALTER TABLE backup_repositories ADD COLUMN setup_status VARCHAR(8192);

-- Engine-wide settings that are not entities, one JSON document per name (traffic: TrafficSettings).
CREATE TABLE engine_settings (
    name VARCHAR(128) PRIMARY KEY,
    setting_value VARCHAR(8192) NOT NULL
);
