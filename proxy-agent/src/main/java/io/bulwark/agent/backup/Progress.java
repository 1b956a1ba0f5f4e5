package io.bulwark.agent.backup;

/** Hears how far a long operation has come. Called from one thread, often; keep it cheap. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    void update(long doneBytes, long totalBytes);
}
