package io.bulwark.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time so far, from the first line of /proc/stat. Two samples around a timed
 * step, less the step's own CPU time, tell how much other processes took meanwhile: on a shared
 * machine that is the difference between a measurement and noise.
 */
record CpuSample(long busyTicks) {
    /** The kernel reports /proc/stat in USER_HZ, which is 100 on every Linux architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    static CpuSample now() throws IOException {
        return parse(Files.readAllLines(PROC_STAT).getFirst());
    }

    /**
     * Reads the aggregate line: {@code cpu user nice system idle iowait irq softirq steal ...}.
     * Busy is all but idle and iowait; steal counts too, since another guest took it from us.
     */
    static CpuSample parse(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 9 || !fields[0].equals("cpu")) {
            throw new IllegalArgumentException("Not the aggregate cpu line of /proc/stat: " + line);
        }
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
            busy += Long.parseLong(fields[i]);
        }
        return new CpuSample(busy);
    }

    double busySecondsSince(CpuSample earlier) {
        return (busyTicks - earlier.busyTicks) / TICKS_PER_SECOND;
    }
}
