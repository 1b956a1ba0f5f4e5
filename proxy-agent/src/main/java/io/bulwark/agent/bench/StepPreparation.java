package io.bulwark.agent.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * What happens, untimed, before every timed step, so that each starts from the same state
 * whatever ran before it, and whatever else runs on the machine:
 * <ol>
 * <li>{@code sync}, so that the write-back of what earlier steps wrote does not land inside this one;
 * <li>one read of every file the step reads: the page cache is warm, as the goals assume;
 * <li>a bounded wait until other processes leave the CPUs nearly idle, since on a shared machine
 *     their bursts would be measured too;
 * <li>fresh memory made cheap: a scratch file as large as the step could write is written and
 *     deleted. On a virtual machine that hands freed memory back to its host (free page
 *     reporting, as on the 2-core machine the goals are set for), the first touch of such a page costs a host
 *     fault: a restore's 1.4 GB of writes took 4 to 5 s of system time that way, against under
 *     1 s into pages just freed, and which step got which depended on what happened to be freed
 *     before it. Pages freed last are handed out first, so every step now starts with enough of
 *     them, as on a machine without a balloon.
 * </ol>
 */
final class StepPreparation {
    /** Other processes using more than this share of the CPUs make a step's timing noisy. */
    static final double QUIET_SHARE = 0.10;
    private static final Duration QUIET_WAIT = Duration.ofSeconds(60);
    private static final Duration QUIET_SAMPLE = Duration.ofMillis(500);
    /** Beyond the disk itself: the process's own memory, a repository's indexes. */
    private static final long PREFAULT_MARGIN = 512L << 20;

    private final Runner runner;
    private final Path work;
    private final long prefaultBytes;

    /** @param diskBytes the most a step writes: a restore writes the whole disk */
    StepPreparation(Runner runner, Path work, long diskBytes) {
        this.runner = runner;
        this.work = work;
        this.prefaultBytes = diskBytes + PREFAULT_MARGIN;
    }

    void before(List<Path> inputs) throws StepFailedException {
        runner.run(new ExternalCommand("sync", List.of("sync"), work));
        try {
            DiskFiles.warm(inputs);
            awaitQuiet();
            prefault();
        } catch (IOException e) {
            throw new StepFailedException("Cannot prepare the step on " + inputs + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the CPUs, measured over half a second while the benchmark itself idles, are busy
     * less than {@link #QUIET_SHARE}, or {@link #QUIET_WAIT} has passed; the table's noise line
     * then shows what the step shared the machine with.
     */
    private static void awaitQuiet() throws IOException, StepFailedException {
        int cores = Runtime.getRuntime().availableProcessors();
        long deadline = System.nanoTime() + QUIET_WAIT.toNanos();
        do {
            CpuSample before = CpuSample.now();
            try {
                Thread.sleep(QUIET_SAMPLE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailedException("Interrupted while waiting for a quiet machine.", e);
            }
            double share = CpuSample.now().busySecondsSince(before) / (QUIET_SAMPLE.toMillis() / 1000.0 * cores);
            if (share < QUIET_SHARE) {
                return;
            }
        } while (System.nanoTime() < deadline);
    }

    /** Deleted before any write-back, the scratch file costs no disk I/O, only the page faults it is for. */
    private void prefault() throws IOException {
        Path scratch = work.resolve("prefault.scratch");
        ByteBuffer zeroes = ByteBuffer.allocateDirect(SyntheticDisk.BLOCK);
        try (FileChannel channel = FileChannel.open(scratch, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long written = 0;
            while (written < prefaultBytes) {
                written += channel.write(zeroes.clear());
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }
}
