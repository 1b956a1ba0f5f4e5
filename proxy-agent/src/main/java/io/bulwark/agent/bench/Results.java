package io.bulwark.agent.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What one benchmark run measured and checked; the table and the goals are computed from it. */
final class Results {
    private final long diskBytes;
    private final Map<Tool, Map<Operation, Measurement>> measurements = new EnumMap<>(Tool.class);
    private final Map<Tool, Long> repositoryBytes = new EnumMap<>(Tool.class);
    private final List<Check> checks = new ArrayList<>();

    Results(long diskBytes) {
        this.diskBytes = diskBytes;
    }

    long diskBytes() {
        return diskBytes;
    }

    void record(Tool tool, Operation operation, Measurement measurement) {
        measurements.computeIfAbsent(tool, t -> new EnumMap<>(Operation.class)).put(operation, measurement);
    }

    Optional<Measurement> measurement(Tool tool, Operation operation) {
        return Optional.ofNullable(measurements.getOrDefault(tool, Map.of()).get(operation));
    }

    /** Every measurement of one tool, in row order. */
    Map<Operation, Measurement> measurements(Tool tool) {
        return Collections.unmodifiableMap(measurements.getOrDefault(tool, new EnumMap<>(Operation.class)));
    }

    void repositorySize(Tool tool, long bytes) {
        repositoryBytes.put(tool, bytes);
    }

    OptionalLong repositoryBytes(Tool tool) {
        Long bytes = repositoryBytes.get(tool);
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    void check(Check check) {
        checks.add(check);
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    boolean allChecksPassed() {
        return checks.stream().allMatch(Check::passed);
    }

    /**
     * How many times faster Bulwark does {@code operation} than {@code peer} does its counterpart:
     * the peer's wall time over Bulwark's, which is also the ratio of their throughputs.
     */
    OptionalDouble speedup(Operation operation, Tool peer) {
        Optional<Measurement> ours = measurement(Tool.BULWARK, operation);
        Optional<Measurement> theirs = measurement(peer, operation.comparedWith());
        if (ours.isEmpty() || theirs.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(theirs.get().wallSeconds() / ours.get().wallSeconds());
    }

    /** Bulwark's repository size over the peer's: below 1 when Bulwark's is smaller. */
    OptionalDouble repositoryRatio(Tool peer) {
        OptionalLong ours = repositoryBytes(Tool.BULWARK);
        OptionalLong theirs = repositoryBytes(peer);
        if (ours.isEmpty() || theirs.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) ours.getAsLong() / theirs.getAsLong());
    }
}
