package io.bulwark.agent.cli;

import java.io.PrintStream;
import java.util.List;

/** One command of {@code ./bulwark}: repo init, backup, restore, points, verify, forget, agent serve. */
interface Command {
    /** The words that name it, such as {@code backup} or {@code repo init}. */
    String name();

    String usage();

    /** Runs it and returns the exit status: 0 done, 1 failed, 2 found damage. */
    int run(List<String> args, Terminal terminal) throws Exception;

    /** Where a command writes: results to {@code out}, progress and messages to {@code err}. */
    record Terminal(PrintStream out, PrintStream err) {
    }
}
