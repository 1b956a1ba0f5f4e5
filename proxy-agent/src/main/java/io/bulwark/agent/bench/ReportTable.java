package io.bulwark.agent.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The benchmark's one table, as plain aligned text: a row per operation with wall seconds, MB/s
 * and peak RSS per tool, the repository sizes, Bulwark's ratio to each peer, then the checks and
 * the goals.
 */
final class ReportTable {
    private static final int LABEL = 30;
    private static final int CELL = 8;
    private static final int GROUP = 3 * (CELL + 1);
    private static final int RATIO = CELL + 3;
    private static final String SEPARATOR = " |";

    private ReportTable() {
    }

    static String render(Results results, List<String> facts, List<GoalResult> goals) {
        StringBuilder out = new StringBuilder();
        facts.forEach(fact -> out.append(fact).append('\n'));
        out.append('\n');
        header(out);
        for (Operation operation : Operation.values()) {
            row(out, results, operation);
        }
        repositoryRow(out, results);
        out.append(String.format(Locale.ROOT, """

                wall s: whole process, start to exit. MB/s: the disk's %.1f MB over wall s. RSS MiB: peak
                resident set size (GNU time's %%M). Bulwark's speed-up: the peer's wall s over Bulwark's, against
                the peer's full backup on Bulwark's extra full backup rows and its incremental on the dirty
                bitmap row; on the repository row, Bulwark's size over the peer's (below 1: smaller).
                """, results.diskBytes() / 1e6));
        out.append(noise(results)).append('\n');
        out.append("\nChecks\n");
        for (Check check : results.checks()) {
            out.append(String.format(Locale.ROOT, "  %-6s  %s: %s%n", check.passed() ? "ok" : "FAILED", check.what(),
                    check.detail()));
        }
        out.append("\nGoals\n");
        int width = goals.stream().mapToInt(goal -> goal.goal().length()).max().orElse(0);
        for (GoalResult goal : goals) {
            out.append(String.format(Locale.ROOT, "  %-4s  %-" + width + "s  %s%n", goal.met() ? "PASS" : "MISS",
                    goal.goal(), goal.measured()));
        }
        return out.toString();
    }

    private static void header(StringBuilder out) {
        StringBuilder tools = new StringBuilder(pad("", LABEL));
        StringBuilder columns = new StringBuilder(pad("operation", LABEL));
        for (Tool tool : Tool.values()) {
            tools.append(SEPARATOR).append(centre(tool.label(), GROUP));
            columns.append(SEPARATOR).append(cells("wall s", "MB/s", "RSS MiB"));
        }
        tools.append(SEPARATOR).append(centre("Bulwark's speed-up", 2 * RATIO));
        columns.append(SEPARATOR);
        for (Tool peer : Tool.peers()) {
            columns.append(right("vs " + peer.label(), RATIO));
        }
        out.append(tools.toString().stripTrailing()).append('\n');
        out.append(columns).append('\n');
        out.append("-".repeat(columns.length())).append('\n');
    }

    private static void row(StringBuilder out, Results results, Operation operation) {
        StringBuilder line = new StringBuilder(pad(operation.label(), LABEL));
        for (Tool tool : Tool.values()) {
            Optional<Measurement> measured = results.measurement(tool, operation);
            line.append(SEPARATOR);
            if (measured.isEmpty()) {
                line.append(cells("-", "-", "-"));
            } else {
                Measurement m = measured.get();
                line.append(cells(format("%.2f", m.wallSeconds()), format("%.1f", m.megabytesPerSecond(results.diskBytes())),
                        format("%.1f", m.peakRssMib())));
            }
        }
        line.append(SEPARATOR);
        for (Tool peer : Tool.peers()) {
            line.append(right(ratio(results.speedup(operation, peer)), RATIO));
        }
        out.append(line).append('\n');
    }

    private static void repositoryRow(StringBuilder out, Results results) {
        StringBuilder line = new StringBuilder(pad("repository size (full + incr.)", LABEL));
        for (Tool tool : Tool.values()) {
            OptionalLong bytes = results.repositoryBytes(tool);
            line.append(SEPARATOR).append(right(bytes.isEmpty() ? "-" : format("%.1f MB", bytes.getAsLong() / 1e6), GROUP));
        }
        line.append(SEPARATOR);
        for (Tool peer : Tool.peers()) {
            line.append(right(ratio(results.repositoryRatio(peer)), RATIO));
        }
        out.append(line).append('\n');
    }

    /** How quiet the machine was: the most CPU other processes took during any timed step. */
    static String noise(Results results) {
        Tool noisiestTool = null;
        Operation noisiestOperation = null;
        double highest = -1;
        for (Tool tool : Tool.values()) {
            for (var entry : results.measurements(tool).entrySet()) {
                if (entry.getValue().othersCpuShare() > highest) {
                    highest = entry.getValue().othersCpuShare();
                    noisiestTool = tool;
                    noisiestOperation = entry.getKey();
                }
            }
        }
        if (noisiestTool == null) {
            return "Noise: nothing was timed.";
        }
        String verdict = highest > StepPreparation.QUIET_SHARE ? " The machine was not quiet: these timings are noisy."
                : " The machine was quiet.";
        return format("Noise: processes other than the step and its qemu-nbd used at most %.0f%% of the CPUs during"
                        + " a timed step (%s %s).%s",
                100 * highest, noisiestTool.label(), noisiestOperation.label(), verdict);
    }

    private static String ratio(OptionalDouble ratio) {
        return ratio.isEmpty() ? "-" : format("%.2fx", ratio.getAsDouble());
    }

    private static String cells(String wall, String rate, String rss) {
        return right(wall, CELL + 1) + right(rate, CELL + 1) + right(rss, CELL + 1);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    private static String pad(String text, int width) {
        return String.format("%-" + width + "s", text);
    }

    private static String right(String text, int width) {
        return String.format("%" + width + "s", text);
    }

    private static String centre(String text, int width) {
        int left = Math.max(0, (width - text.length()) / 2);
        return pad(" ".repeat(left) + text, width);
    }
}
