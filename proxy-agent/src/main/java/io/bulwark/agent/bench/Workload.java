package io.bulwark.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The disks every tool backs up, made once per run with fixed seeds.
 *
 * @param base      the synthetic disk, as generated
 * @param changed   the same disk a day later, {@link #CHANGED_PERCENT}% of its blocks rewritten
 * @param live      the path every tool backs up ({@code vm/disk.raw}): the base first, then changed
 *                  in place, since restic and borg recognise a file by its path
 * @param rewritten the numbers of the 1 MiB blocks that differ between base and changed
 */
record Workload(Path base, Path changed, Path live, List<Long> rewritten) {
    static final long SEED = 20_240_611L;
    static final long CHANGE_SEED = 20_240_612L;
    static final double CHANGED_PERCENT = 2;

    Workload {
        rewritten = List.copyOf(rewritten);
    }

    static Workload create(Path work, int mebibytes) throws IOException {
        Path disks = Files.createDirectories(work.resolve("disks"));
        Path base = disks.resolve("base.raw");
        Path changed = disks.resolve("changed.raw");
        SyntheticDisk.generate(base, mebibytes, SEED);
        long[] rewritten = SyntheticDisk.changed(base, changed, CHANGED_PERCENT, CHANGE_SEED);
        Path live = Files.createDirectories(work.resolve("vm")).resolve("disk.raw");
        DiskFiles.sparseCopy(base, live);
        return new Workload(base, changed, live, Arrays.stream(rewritten).boxed().toList());
    }

    long diskBytes() throws IOException {
        return Files.size(base);
    }

    /** The day's changes: the rewritten blocks written over the live disk in place, as a guest would. */
    void applyChanges() throws IOException {
        DiskFiles.copyBlocks(changed, live, rewritten);
    }
}
