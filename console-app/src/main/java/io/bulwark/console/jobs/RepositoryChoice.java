package io.bulwark.console.jobs;

import io.bulwark.console.common.Formats;
import io.bulwark.protocol.repositories.RepositoryView;

/**
 * A backup repository the job can write to, with the free space of its server's disk as the
 * installer last found it (null when not known).
 */
public record RepositoryChoice(RepositoryView repository, Long freeBytes) {
    public String label() {
        return repository.name() + " — " + (freeBytes == null ? "free space not known" : Formats.bytes(freeBytes)
                + " free");
    }
}
