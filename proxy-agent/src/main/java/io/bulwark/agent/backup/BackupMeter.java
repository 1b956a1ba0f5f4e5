package io.bulwark.agent.backup;

import io.bulwark.protocol.control.StageLoad;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a running backup has done so far, and how busy each stage of its pipeline was: the reader
 * (source), the workers fingerprinting, compressing and encrypting (proxy), sending to a
 * repository agent (network) and the repository storing (target). Each stage adds the time it
 * worked, measured with {@code nanoTime} around its work and not around its waits on the queues
 * between stages; a stage of several threads adds its time divided by their number, so that 100%
 * means all of them were busy all the time. Cheap enough to call per block. Thread-safe.
 */
public final class BackupMeter {
    /** The stages of a backup's pipeline, in the order data passes them. */
    public enum Stage { SOURCE, PROXY, NETWORK, TARGET }

    private final LongAdder[] busy = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder bytesRead = new LongAdder();
    private final LongAdder bytesStored = new LongAdder();
    private volatile long started;
    private volatile long ended;

    /** The wall clock of the load starts now: call when the pipeline starts. */
    void begin() {
        started = System.nanoTime();
        ended = 0;
    }

    /** The wall clock stops: the load no longer falls as the task waits for something else. */
    void end() {
        ended = System.nanoTime();
    }

    /** @param threads how many threads of the stage share the work, each adding its own time */
    void busy(Stage stage, long nanos, int threads) {
        busy[stage.ordinal()].add(nanos / threads);
    }

    void read(long bytes) {
        bytesRead.add(bytes);
    }

    void stored(long bytes) {
        bytesStored.add(bytes);
    }

    public long bytesRead() {
        return bytesRead.sum();
    }

    /** Sealed bytes of new blocks handed to the repository so far. */
    public long bytesStored() {
        return bytesStored.sum();
    }

    /** Each stage's busy time as a percentage of the backup's wall time so far (all zero before it starts). */
    public StageLoad load() {
        long from = started;
        if (from == 0) {
            return StageLoad.NONE;
        }
        long to = ended != 0 ? ended : System.nanoTime();
        long wall = Math.max(1, to - from);
        return new StageLoad(percent(Stage.SOURCE, wall), percent(Stage.PROXY, wall), percent(Stage.NETWORK, wall),
                percent(Stage.TARGET, wall));
    }

    private int percent(Stage stage, long wall) {
        return (int) Math.min(100, Math.round(100.0 * busy[stage.ordinal()].sum() / wall));
    }
}
