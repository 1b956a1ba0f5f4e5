-- Bulwark configuration database, version 1.
-- One schema for H2 and PostgreSQL: only types and syntax both understand.
-- Ids are UUIDs made by the engine; JSON documents are stored as text; secrets are encrypted by
-- the engine (SecretCipher) before they reach this database.

CREATE TABLE engine_identity (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    master_key_check VARCHAR(128) NOT NULL
);

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    username      VARCHAR(64) NOT NULL,
    username_key  VARCHAR(64) NOT NULL,
    role          VARCHAR(16) NOT NULL,
    password_hash VARCHAR(256) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT users_username_unique UNIQUE (username_key)
);

CREATE TABLE api_tokens (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE credentials (
    id                 UUID PRIMARY KEY,
    name               VARCHAR(128) NOT NULL,
    name_key           VARCHAR(128) NOT NULL,
    type               VARCHAR(16) NOT NULL,
    username           VARCHAR(256) NOT NULL,
    description        VARCHAR(1024),
    password_secret    VARCHAR(8192),
    private_key_secret VARCHAR(65536),
    passphrase_secret  VARCHAR(8192),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT credentials_name_unique UNIQUE (name_key)
);

CREATE TABLE managed_servers (
    id                   UUID PRIMARY KEY,
    name                 VARCHAR(255) NOT NULL,
    name_key             VARCHAR(255) NOT NULL,
    address              VARCHAR(255) NOT NULL,
    description          VARCHAR(1024),
    ssh_port             INTEGER NOT NULL,
    credential_id        UUID REFERENCES credentials (id),
    host_key_fingerprint VARCHAR(128),
    data_port_first      INTEGER NOT NULL,
    data_port_last       INTEGER NOT NULL,
    control_port         INTEGER NOT NULL,
    ssh_timeout_seconds  INTEGER NOT NULL,
    facts                VARCHAR(65536),
    built_in             BOOLEAN NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT managed_servers_name_unique UNIQUE (name_key)
);

CREATE TABLE backup_proxies (
    id                       UUID PRIMARY KEY,
    name                     VARCHAR(128) NOT NULL,
    name_key                 VARCHAR(128) NOT NULL,
    description              VARCHAR(1024),
    server_id                UUID NOT NULL REFERENCES managed_servers (id),
    transport_mode           VARCHAR(32) NOT NULL,
    failover_to_network      BOOLEAN NOT NULL,
    host_to_proxy_encryption BOOLEAN NOT NULL,
    datastores_automatic     BOOLEAN NOT NULL,
    datastore_paths          VARCHAR(65536) NOT NULL,
    max_concurrent_tasks     INTEGER NOT NULL,
    built_in                 BOOLEAN NOT NULL,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT backup_proxies_name_unique UNIQUE (name_key),
    CONSTRAINT backup_proxies_one_per_server UNIQUE (server_id)
);

CREATE TABLE backup_repositories (
    id                         UUID PRIMARY KEY,
    name                       VARCHAR(128) NOT NULL,
    name_key                   VARCHAR(128) NOT NULL,
    description                VARCHAR(1024),
    server_id                  UUID NOT NULL REFERENCES managed_servers (id),
    path                       VARCHAR(4096) NOT NULL,
    max_concurrent_tasks       INTEGER NOT NULL,
    encryption_enabled         BOOLEAN NOT NULL,
    encryption_password_secret VARCHAR(8192),
    encryption_password_hint   VARCHAR(1024),
    built_in                   BOOLEAN NOT NULL,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT backup_repositories_name_unique UNIQUE (name_key),
    CONSTRAINT backup_repositories_location_unique UNIQUE (server_id, path)
);

CREATE TABLE traffic_rules (
    id               UUID PRIMARY KEY,
    name             VARCHAR(128) NOT NULL,
    name_key         VARCHAR(128) NOT NULL,
    source_range     VARCHAR(128) NOT NULL,
    target_range     VARCHAR(128) NOT NULL,
    encrypt          BOOLEAN NOT NULL,
    throttle_enabled BOOLEAN NOT NULL,
    throttle_value   INTEGER,
    throttle_unit    VARCHAR(16),
    schedule         VARCHAR(4096) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT traffic_rules_name_unique UNIQUE (name_key)
);

CREATE TABLE jobs (
    id              UUID PRIMARY KEY,
    name            VARCHAR(128) NOT NULL,
    name_key        VARCHAR(128) NOT NULL,
    description     VARCHAR(1024),
    type            VARCHAR(16) NOT NULL,
    repository_id   UUID NOT NULL REFERENCES backup_repositories (id),
    objects         VARCHAR(1048576) NOT NULL,
    schedule        VARCHAR(4096) NOT NULL,
    retention_unit  VARCHAR(16) NOT NULL,
    retention_value INTEGER NOT NULL,
    enabled         BOOLEAN NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT jobs_name_unique UNIQUE (name_key)
);

CREATE TABLE job_sessions (
    id                UUID PRIMARY KEY,
    job_id            UUID REFERENCES jobs (id) ON DELETE SET NULL,
    job_name          VARCHAR(128) NOT NULL,
    job_type          VARCHAR(16) NOT NULL,
    state             VARCHAR(16) NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at          TIMESTAMP WITH TIME ZONE,
    progress_percent  INTEGER NOT NULL,
    processed_bytes   BIGINT NOT NULL,
    transferred_bytes BIGINT NOT NULL,
    message           VARCHAR(4096)
);
CREATE INDEX job_sessions_started ON job_sessions (started_at);
CREATE INDEX job_sessions_job ON job_sessions (job_id);

CREATE TABLE audit_log (
    id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(64) NOT NULL,
    action      VARCHAR(16) NOT NULL,
    collection  VARCHAR(64) NOT NULL,
    entity_id   UUID,
    entity_name VARCHAR(255)
);
CREATE INDEX audit_log_at ON audit_log (at);
