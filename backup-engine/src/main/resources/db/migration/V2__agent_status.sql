-- Bulwark configuration database, version 2: the agent on each managed server.
-- agent_status: JSON (AgentStatus) with the deployment state, its message, the agent version and
-- the fingerprint of the certificate the engine's CA signed for it. NULL means never deployed.
ALTER TABLE managed_servers ADD COLUMN agent_status VARCHAR(8192);
