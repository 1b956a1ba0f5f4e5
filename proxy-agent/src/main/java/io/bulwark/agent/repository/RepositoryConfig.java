package io.bulwark.agent.repository;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code bulwark-repository.json}: what the folder is. Not secret, not encrypted: it only says
 * that this is a Bulwark repository, which format version, and its id.
 */
public record RepositoryConfig(String format, int version, UUID id, Instant created) {
    public static final String FORMAT = "bulwark-repository";
    public static final int VERSION = 1;
}
