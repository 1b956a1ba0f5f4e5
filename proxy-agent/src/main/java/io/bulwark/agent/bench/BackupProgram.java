package io.bulwark.agent.bench;

import java.nio.file.Path;
import java.util.List;

/** A backup program as the benchmark drives it, each step one whole process on its own repository. */
interface BackupProgram {
    /** A restore's measurement, and the file it wrote. */
    record Restored(Measurement measurement, Path file) {
    }

    Tool tool();

    Path repository();

    /** What the program keeps beside the repository and reads on a restore or a check: its caches. */
    List<Path> caches();

    /** Makes the empty repository; not timed. */
    void init(Runner runner) throws StepFailedException;

    /**
     * Backs up the workload's live disk: {@link Operation#FULL_BACKUP} the first time,
     * {@link Operation#INCREMENTAL} after its content changed.
     */
    Measurement backup(Runner runner, Operation operation) throws StepFailedException;

    /** Restores the disk as the full backup saw it into a new, empty directory. */
    Restored restoreFull(Runner runner, Path directory) throws StepFailedException;

    /** Checks the repository, reading all of its data back. */
    Measurement verify(Runner runner) throws StepFailedException;
}
