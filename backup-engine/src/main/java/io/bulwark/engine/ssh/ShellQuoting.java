package io.bulwark.engine.ssh;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the POSIX shell that runs every command on a managed host. */
public final class ShellQuoting {
    private ShellQuoting() {
    }

    /** One word, whatever it holds: single quotes, with each single quote closed, escaped and reopened. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String command(List<String> words) {
        return words.stream().map(ShellQuoting::quote).collect(Collectors.joining(" "));
    }
}
