-- Bulwark configuration database, version 3: whether each repository is set up on its host.
-- setup_status: JSON (RoleStatus) of the repository's initialisation through the agent. NULL means
-- not initialised yet. The repository's state in the API combines it with its server's agent state.
ALTER TABLE backup_repositories ADD COLUMN setup_status VARCHAR(8192);
