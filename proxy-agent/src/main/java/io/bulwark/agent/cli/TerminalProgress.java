package io.bulwark.agent.cli;

import io.bulwark.agent.backup.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows progress on the terminal: percentage, amount, rate and time left, redrawn in place a few
 * times a second. Off a terminal (a log, a script) it stays silent; the summary line says it all.
 */
final class TerminalProgress implements Progress, AutoCloseable {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final String verb;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;

    TerminalProgress(PrintStream out, String verb) {
        this.out = out;
        this.verb = verb;
        this.terminal = System.console() != null && System.console().isTerminal();
    }

    @Override
    public void update(long done, long total) {
        if (!terminal) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawn < REDRAW_NANOS && done < total) {
            return;
        }
        lastDrawn = now;
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 && done < total ? String.format(Locale.ROOT, ", %.0f s left", (total - done) / rate) : "";
        out.printf(Locale.ROOT, "\r%s %3d%%  %s of %s  %s%s   ", verb, total == 0 ? 100 : (int) (100 * done / total),
                Sizes.human(done), Sizes.human(total), Sizes.rate(done, (long) (seconds * 1000)), left);
        out.flush();
        drawn = true;
    }

    @Override
    public void close() {
        if (drawn) {
            out.println();
        }
    }
}
