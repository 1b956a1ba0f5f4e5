package io.bulwark.agent.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Bulwark on its main repository, backing up the live file, in the same steps as the peers. */
final class Bulwark implements BackupProgram {
    private final BulwarkCli cli;
    private final Path repository;
    private final Workload workload;
    private String fullPoint;

    Bulwark(BulwarkCli cli, Path repository, Workload workload) {
        this.cli = cli;
        this.repository = repository;
        this.workload = workload;
    }

    @Override
    public Tool tool() {
        return Tool.BULWARK;
    }

    @Override
    public Path repository() {
        return repository;
    }

    @Override
    public List<Path> caches() {
        return List.of();
    }

    @Override
    public void init(Runner runner) throws StepFailedException {
        cli.init(runner, repository);
    }

    @Override
    public Measurement backup(Runner runner, Operation operation) throws StepFailedException {
        BulwarkCli.BackupRun run = cli.backup(runner, "Bulwark " + operation.label(), repository,
                workload.live().toString(), List.of(), Map.of());
        if (operation == Operation.FULL_BACKUP) {
            fullPoint = run.summary().pointId();
        }
        return run.measurement();
    }

    @Override
    public Restored restoreFull(Runner runner, Path directory) throws StepFailedException {
        Objects.requireNonNull(fullPoint, "the full backup comes before its restore");
        Path target = directory.resolve("disk.raw");
        return new Restored(cli.restore(runner, "Bulwark restore", repository, fullPoint, target), target);
    }

    @Override
    public Measurement verify(Runner runner) throws StepFailedException {
        return cli.verify(runner, repository);
    }
}
