package io.bulwark.agent.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulwark's data mover run as users run it: the launcher's exact java command line (from
 * {@code BULWARK_AGENT_COMMAND}) with a subcommand after it, one whole process each, on any
 * repository.
 */
final class BulwarkCli {
    static final String COMMAND_VARIABLE = "BULWARK_AGENT_COMMAND";
    /** Every Bulwark backup here names its disk explicitly, so a file and an NBD export are the same disk. */
    static final String DISK_NAME = "vm";

    /** A timed backup and the summary it printed. */
    record BackupRun(Measurement measurement, BackupSummary summary) {
    }

    private final List<String> command;
    private final Path passwordFile;
    private final Path directory;

    BulwarkCli(List<String> command, Path passwordFile, Path directory) {
        this.command = List.copyOf(command);
        this.passwordFile = passwordFile;
        this.directory = directory;
    }

    /** The launcher's command line, one word a line, as {@code ./bulwark bench} passes it. */
    static List<String> fromEnvironment(String value) throws StepFailedException {
        if (value == null || value.isBlank()) {
            throw new StepFailedException(COMMAND_VARIABLE + " is not set: run the benchmark with ./bulwark bench, which"
                    + " passes the data mover's exact command line in it.");
        }
        return value.lines().map(String::strip).filter(word -> !word.isEmpty()).toList();
    }

    /** Whether the data mover starts from its ahead-of-time cache, as after ./bulwark build. */
    boolean usesAotCache() {
        return command.stream().anyMatch(word -> word.startsWith("-XX:AOTCache="));
    }

    void init(Runner runner, Path repository) throws StepFailedException {
        runner.run(command("Bulwark repo init", Map.of(), "repo", "init", "--repo", repository.toString(),
                "--password-file", passwordFile.toString()));
    }

    /**
     * Backs up {@code source} (a file, or an nbd:// address) as disk {@value #DISK_NAME}.
     *
     * @param sourceOptions more backup options, such as {@code --bitmap NAME}
     * @param environment   variables for this process only
     */
    BackupRun backup(Runner runner, String label, Path repository, String source, List<String> sourceOptions,
                     Map<String, String> environment) throws StepFailedException {
        List<String> args = new ArrayList<>(List.of("backup", "--repo", repository.toString(), "--password-file",
                passwordFile.toString(), "--source", source, "--disk", DISK_NAME, "--json"));
        args.addAll(sourceOptions);
        Runner.Timed timed = runner.timed(command(label, environment, args.toArray(String[]::new)));
        return new BackupRun(timed.measurement(), BackupSummary.parse(timed.stdout()));
    }

    Measurement restore(Runner runner, String label, Path repository, String point, Path target)
            throws StepFailedException {
        return runner.timed(command(label, Map.of(), "restore", "--repo", repository.toString(), "--password-file",
                passwordFile.toString(), "--point", point, "--disk", DISK_NAME, "--target", target.toString(), "--json"))
                .measurement();
    }

    Measurement verify(Runner runner, Path repository) throws StepFailedException {
        return runner.timed(command("Bulwark verify", Map.of(), "verify", "--repo", repository.toString(),
                "--password-file", passwordFile.toString())).measurement();
    }

    private ExternalCommand command(String label, Map<String, String> environment, String... args) {
        List<String> words = new ArrayList<>(command);
        words.addAll(List.of(args));
        return new ExternalCommand(label, words, directory, environment);
    }
}
