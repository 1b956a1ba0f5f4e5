package io.bulwark.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportTableTest {
    @Test
    void oneAlignedRowPerOperationWithRatiosAndGoals() {
        Results results = GoalsTest.madeUp();
        results.check(new Check("Bulwark restore of the full backup is bit-exact", true, "identical to the base disk"));
        results.check(new Check("restic restore of the full backup is bit-exact", false, "differs from byte 5"));

        String table = ReportTable.render(results, List.of("Bulwark benchmark", "Machine: test"), Goals.evaluate(results));
        List<String> lines = table.lines().toList();

        assertThat(lines).startsWith("Bulwark benchmark", "Machine: test");
        String full = row(lines, "full backup ");
        assertThat(full.split("\\s*\\|\\s*")).containsExactly("full backup", "3.00    715.8    290.0",
                "12.00    179.0    110.0", "9.00    238.6     80.0", "4.00x      3.00x");
        assertThat(row(lines, "incremental by dirty bitmap")).contains("|        -        -        - |").endsWith("10.00x          -");
        assertThat(row(lines, "repository size")).contains("700.0 MB").contains("1000.0 MB").endsWith("0.88x      0.70x");
        // Every table row has its column separators in the same places as the header.
        List<String> rows = lines.stream().filter(line -> line.contains(" |")).toList();
        assertThat(rows).hasSize(2 + Operation.values().length + 1);
        assertThat(rows).extracting(ReportTableTest::separators).containsOnly(separators(rows.get(1)));

        assertThat(table).contains("  ok      Bulwark restore of the full backup is bit-exact: identical to the base disk")
                .contains("  FAILED  restic restore of the full backup is bit-exact: differs from byte 5")
                .contains("  PASS  full backup at least 3x restic's throughput")
                .contains("  MISS  incremental by dirty bitmap at least 20x restic's incremental  10.00x (0.50 s against 5.00 s)")
                .contains("used at most 40% of the CPUs during a timed step (restic incremental by fingerprint)."
                        + " The machine was not quiet");
    }

    private static String row(List<String> lines, String label) {
        return lines.stream().filter(line -> line.startsWith(label)).findFirst().orElseThrow();
    }

    private static List<Integer> separators(String line) {
        return IntStream.range(0, line.length()).filter(i -> line.charAt(i) == '|').boxed().toList();
    }
}
