package io.bulwark.agent.bench;

import java.util.List;

/**
 * What GNU time writes with {@code -f "%M %U %S" -o FILE}: the peak resident set size in KiB and
 * the user and system CPU seconds, all from the kernel's accounting of the process ({@code wait4}),
 * so no sample can miss the peak.
 */
record TimeOutput(long peakRssKib, double userSeconds, double systemSeconds) {
    private static final String FORMAT = "%M %U %S";

    /** The program and its arguments that go in front of the timed command. */
    static List<String> prefix(String timeProgram, String outputFile) {
        return List.of(timeProgram, "-f", FORMAT, "-o", outputFile);
    }

    double cpuSeconds() {
        return userSeconds + systemSeconds;
    }

    /**
     * Reads GNU time's output. It puts a line such as "Command exited with non-zero status 1"
     * before its format's output when the command fails, so the values are on the last line.
     *
     * @throws IllegalArgumentException when the text has no such line
     */
    static TimeOutput parse(String text) {
        List<String> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("GNU time wrote nothing; expected \"" + FORMAT + "\"");
        }
        String last = lines.getLast();
        String[] fields = last.split("\\s+");
        try {
            if (fields.length != 3) {
                throw new NumberFormatException("expected 3 fields");
            }
            TimeOutput output = new TimeOutput(Long.parseLong(fields[0]), Double.parseDouble(fields[1]),
                    Double.parseDouble(fields[2]));
            if (output.peakRssKib() < 0 || output.userSeconds() < 0 || output.systemSeconds() < 0) {
                throw new NumberFormatException("negative");
            }
            return output;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GNU time's last line is not \"" + FORMAT + "\" (peak RSS in KiB, user"
                    + " and system seconds): '" + last + "'", e);
        }
    }
}
