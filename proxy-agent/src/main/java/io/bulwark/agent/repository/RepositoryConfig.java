package io.bulwark.agent.repository;

import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code bulwark-repository.json}: what the folder is. Not secret, not encrypted: it only says
 * that this is a Bulwark repository, which format version, and its id.
 */
public record RepositoryConfig(String format, int version, UUID id, Instant created) {
    public static final String FORMAT = "bulwark-repository";
    public static final int VERSION = 1;

    /**
     * Reads a config file's content, from a folder or from a repository agent, and refuses a format
     * this Bulwark cannot write.
     *
     * @param where the repository, as the admin named it, for messages
     */
    public static RepositoryConfig parse(byte[] json, String where) throws RepositoryException {
        RepositoryConfig config;
        try {
            config = ApiJson.mapper().readValue(json, RepositoryConfig.class);
        } catch (IOException e) {
            throw new RepositoryException("The repository at " + where + " has a damaged bulwark-repository.json: "
                    + e.getMessage());
        }
        if (!FORMAT.equals(config.format()) || config.version() > VERSION) {
            throw new RepositoryException("The repository at " + where + " has format " + config.format() + " "
                    + config.version() + "; this Bulwark reads version " + VERSION + ". Use a newer Bulwark.");
        }
        return config;
    }
}
