-- Bulwark configuration database, version 4: servers flagged as hardened repositories.
-- managed_servers.hardened_repository: the host is kept apart from production storage; a proxy on it reads in
-- network mode only (TransportModeRules). Servers of earlier versions are not hardened.
ALTER TABLE managed_servers ADD COLUMN hardened_repository BOOLEAN DEFAULT FALSE NOT NULL;
