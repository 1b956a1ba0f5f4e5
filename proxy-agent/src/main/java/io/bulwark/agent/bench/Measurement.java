package io.bulwark.agent.bench;

/**
 * One whole-process run.
 *
 * @param wallSeconds    from start to exit
 * @param peakRssKib     the peak resident set size the kernel recorded
 * @param othersCpuShare the share of the machine's CPUs that other processes used meanwhile, 0 to 1
 */
record Measurement(double wallSeconds, long peakRssKib, double othersCpuShare) {
    private static final double MB = 1e6;

    /** Throughput over the whole disk, whatever the step actually read: the rate the user sees. */
    double megabytesPerSecond(long diskBytes) {
        return diskBytes / MB / wallSeconds;
    }

    double peakRssMib() {
        return peakRssKib / 1024.0;
    }

    /**
     * The share of {@code cores} CPUs over {@code wallSeconds} that the machine spent on others than
     * the measured process, from the machine's busy time and the process's own CPU time, never
     * below 0 (the kernel counts both in 10 ms ticks) nor above 1.
     */
    static double othersShare(double machineBusySeconds, double ownCpuSeconds, double wallSeconds, int cores) {
        double others = Math.max(0, machineBusySeconds - ownCpuSeconds);
        return Math.min(1, others / (wallSeconds * cores));
    }
}
