package io.bulwark.agent.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The goals for this 2-core machine, judged on one run's results. */
final class Goals {
    static final double PEAK_RSS_LIMIT_MIB = 300;

    private Goals() {
    }

    static List<GoalResult> evaluate(Results results) {
        List<GoalResult> goals = new ArrayList<>();
        goals.add(speedup(results, Operation.FULL_BACKUP, 3, "full backup at least 3x restic's throughput"));
        goals.add(speedup(results, Operation.INCREMENTAL_BITMAP, 20,
                "incremental by dirty bitmap at least 20x restic's incremental"));
        goals.add(speedup(results, Operation.INCREMENTAL, 1.5, "incremental by fingerprint at least 1.5x restic's"));
        goals.add(speedup(results, Operation.RESTORE, 3, "restore at least 3x restic's"));
        goals.add(peakRss(results));
        goals.add(repositorySize(results));
        return goals;
    }

    private static GoalResult speedup(Results results, Operation operation, double atLeast, String goal) {
        OptionalDouble speedup = results.speedup(operation, Tool.RESTIC);
        if (speedup.isEmpty()) {
            return new GoalResult(goal, false, "not measured");
        }
        Measurement ours = results.measurement(Tool.BULWARK, operation).orElseThrow();
        Measurement theirs = results.measurement(Tool.RESTIC, operation.comparedWith()).orElseThrow();
        return new GoalResult(goal, speedup.getAsDouble() >= atLeast, String.format(Locale.ROOT,
                "%.2fx (%.2f s against %.2f s)", speedup.getAsDouble(), ours.wallSeconds(), theirs.wallSeconds()));
    }

    /** Every Bulwark process counts, whatever it did: the limit is what a host must set aside. */
    private static GoalResult peakRss(Results results) {
        String goal = String.format(Locale.ROOT, "peak RSS under %.0f MiB", PEAK_RSS_LIMIT_MIB);
        Optional<Map.Entry<Operation, Measurement>> highest = results.measurements(Tool.BULWARK).entrySet().stream()
                .max(Comparator.comparingLong(entry -> entry.getValue().peakRssKib()));
        if (highest.isEmpty()) {
            return new GoalResult(goal, false, "not measured");
        }
        double mib = highest.get().getValue().peakRssMib();
        return new GoalResult(goal, mib < PEAK_RSS_LIMIT_MIB,
                String.format(Locale.ROOT, "%.1f MiB at most (%s)", mib, highest.get().getKey().label()));
    }

    private static GoalResult repositorySize(Results results) {
        String goal = "repository no larger than borg's with lz4";
        OptionalLong ours = results.repositoryBytes(Tool.BULWARK);
        OptionalLong borg = results.repositoryBytes(Tool.BORG);
        if (ours.isEmpty() || borg.isEmpty()) {
            return new GoalResult(goal, false, "not measured");
        }
        return new GoalResult(goal, ours.getAsLong() <= borg.getAsLong(), String.format(Locale.ROOT,
                "%.1f MB against %.1f MB (%.2fx)", ours.getAsLong() / 1e6, borg.getAsLong() / 1e6,
                results.repositoryRatio(Tool.BORG).orElseThrow()));
    }
}
