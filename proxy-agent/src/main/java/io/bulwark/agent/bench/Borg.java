package io.bulwark.agent.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * borg (Debian's 1.2) with {@code --compression lz4}, as the issue compares: archives {@code full}
 * and {@code incr} of the relative path {@code vm/disk.raw}, run in the work directory. Its
 * configuration, keys and cache live in the work directory ({@code BORG_BASE_DIR}).
 */
final class Borg implements BackupProgram {
    private final Path work;
    private final Path repository;
    private final Path home;
    private final Path live;
    private final Map<String, String> environment;

    Borg(Path work, Workload workload, String password) {
        this.work = work;
        this.repository = work.resolve("repos/borg");
        this.home = work.resolve("caches/borg");
        this.live = work.relativize(workload.live());
        this.environment = Map.of("BORG_PASSPHRASE", password, "BORG_BASE_DIR", home.toString());
    }

    @Override
    public Tool tool() {
        return Tool.BORG;
    }

    @Override
    public Path repository() {
        return repository;
    }

    @Override
    public List<Path> caches() {
        return List.of(home);
    }

    @Override
    public void init(Runner runner) throws StepFailedException {
        runner.run(command("borg init", work, "init", "--encryption", "repokey-blake2", repository.toString()));
    }

    @Override
    public Measurement backup(Runner runner, Operation operation) throws StepFailedException {
        String archive = operation == Operation.FULL_BACKUP ? "full" : "incr";
        return runner.timed(command("borg " + operation.label(), work, "create", "--compression", "lz4",
                repository + "::" + archive, live.toString())).measurement();
    }

    @Override
    public Restored restoreFull(Runner runner, Path directory) throws StepFailedException {
        Measurement measurement = runner.timed(command("borg extract", directory, "extract", repository + "::full"))
                .measurement();
        try {
            return new Restored(measurement, DiskFiles.onlyFile(directory));
        } catch (IOException e) {
            throw new StepFailedException("Cannot find what borg extracted in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Measurement verify(Runner runner) throws StepFailedException {
        return runner.timed(command("borg check", work, "check", "--verify-data", repository.toString())).measurement();
    }

    private ExternalCommand command(String label, Path directory, String... args) {
        List<String> words = new ArrayList<>(List.of("borg"));
        words.addAll(List.of(args));
        return new ExternalCommand(label, words, directory, environment);
    }
}
