package io.bulwark.agent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./bulwark bench}: Bulwark's data mover against restic and borg on the same synthetic disk,
 * every step a whole process as users run it, then one table and the goals. Exit status 0
 * when every step ran and every restore was bit-exact, whether or not the goals were met (it is a
 * measurement); 1 otherwise.
 */
public final class Benchmark {
    private static final int FAILED = 1;

    private Benchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(BulwarkCli.COMMAND_VARIABLE), System.out, System.err));
    }

    static int run(List<String> args, String agentCommand, PrintStream out, PrintStream err) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bulwark bench: " + e.getMessage() + "\n\n" + BenchOptions.USAGE);
            return FAILED;
        }
        if (options.help()) {
            out.println(BenchOptions.USAGE);
            return 0;
        }
        List<String> missing = Prerequisites.missingPackages(Prerequisites::onPath);
        if (!missing.isEmpty()) {
            err.println("bulwark bench: the benchmark runs restic, borg, qemu-img, qemu-io, qemu-nbd and GNU time, and"
                    + " some are missing. Install them with: apt-get install " + String.join(" ", missing));
            return FAILED;
        }
        try {
            List<String> command = BulwarkCli.fromEnvironment(agentCommand);
            try (WorkDirectory work = WorkDirectory.open(options.directory(), options.keep(), err)) {
                return measure(options, work.path(), command, out, err);
            }
        } catch (StepFailedException | IOException e) {
            err.println("bulwark bench: " + e.getMessage());
            return FAILED;
        }
    }

    private static int measure(BenchOptions options, Path work, List<String> agentCommand, PrintStream out,
                               PrintStream err) throws IOException {
        try (Runner runner = new Runner(work.resolve("logs"), stepTimeout(options.sizeMib()), Prerequisites.GNU_TIME)) {
            BenchmarkRun.Report report = new BenchmarkRun(runner, work, options.sizeMib(), agentCommand, err).run();
            out.print(ReportTable.render(report.results(), report.facts(), Goals.evaluate(report.results())));
            if (!report.results().allChecksPassed()) {
                err.println("""

                        bulwark bench: *** A CHECK FAILED (see Checks above): a restore was not bit-exact, or the
                        incremental did not see the changes. The timings of this run are not to be trusted. ***""");
                return FAILED;
            }
            return 0;
        } catch (StepFailedException e) {
            err.println("\nbulwark bench: a step failed, so there is no table.\n" + e.getMessage()
                    + "\nEvery command's output is in " + work.resolve("logs") + " (keep it with --keep).");
            return FAILED;
        }
    }

    /** Generous, and still bounded: five minutes, plus a fifth of a second per MiB (about 5 MB/s). */
    static Duration stepTimeout(int sizeMib) {
        return Duration.ofMinutes(5).plusMillis(200L * sizeMib);
    }
}
