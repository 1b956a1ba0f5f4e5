package io.bulwark.protocol.configuration;

/** Why a configuration backup was made. */
public enum ConfigurationBackupKind {
    /** An admin exported the configuration (API or {@code config export}). */
    EXPORT,
    /** The engine saved the configuration before migrating its database to a newer schema. */
    BEFORE_MIGRATION,
    /** {@code config import} saved the configuration it replaced. */
    BEFORE_IMPORT
}
