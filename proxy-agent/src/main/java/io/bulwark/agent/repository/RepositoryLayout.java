package io.bulwark.agent.repository;

import io.bulwark.agent.repository.pack.PackId;
import java.nio.file.Path;

/** Where each structure of a repository lives; see the module README for the format of each. */
public record RepositoryLayout(Path root) {
    public Path config() {
        return root.resolve("bulwark-repository.json");
    }

    public Path keyFile() {
        return root.resolve("keys").resolve("key.json");
    }

    public Path packs() {
        return root.resolve("packs");
    }

    public Path pack(PackId id) {
        String hex = id.toString();
        return packs().resolve(hex.substring(0, 2)).resolve(hex + ".pack");
    }

    public Path index() {
        return root.resolve("index");
    }

    public Path points() {
        return root.resolve("points");
    }

    public Path lockFile() {
        return root.resolve("locks").resolve("repository.lock");
    }

    /** Files being written. Anything left here after a crash is garbage the next prune removes. */
    public Path tmp() {
        return root.resolve("tmp");
    }
}
