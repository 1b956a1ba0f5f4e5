package io.bulwark.engine.ssh;

/** What a command on a managed host ended with. */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    public boolean succeeded() {
        return exitStatus == 0;
    }

    /** The last non-empty line of standard error, where shell tools put their reason. */
    public String lastErrorLine() {
        String[] lines = stderr.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
