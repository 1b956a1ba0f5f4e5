package io.bulwark.agent.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One benchmark run in a work directory: makes the disks, then times each step of each program
 * on the same files, in the same order (Bulwark, restic, borg), each after {@link StepPreparation}.
 * Restored disks and the extra repositories stay until the work directory goes: freeing gigabytes
 * between steps would change what the next step's memory costs (see {@link StepPreparation}).
 */
final class BenchmarkRun {
    /** What a run found: the lines that describe it, and its results. */
    record Report(List<String> facts, Results results) {
    }

    private static final String PASSWORD = "bulwark benchmark, not a secret";

    private final Runner runner;
    private final StepPreparation preparation;
    private final Path work;
    private final int sizeMib;
    private final List<String> agentCommand;
    private final PrintStream progress;

    BenchmarkRun(Runner runner, Path work, int sizeMib, List<String> agentCommand, PrintStream progress) {
        this.runner = runner;
        this.preparation = new StepPreparation(runner, work, (long) sizeMib * SyntheticDisk.BLOCK);
        this.work = work;
        this.sizeMib = sizeMib;
        this.agentCommand = agentCommand;
        this.progress = progress;
    }

    Report run() throws StepFailedException, IOException {
        progress.printf("bench: generating the %d MiB disk and its changed version in %s%n", sizeMib, work);
        Workload workload = Workload.create(work, sizeMib);
        Path passwordFile = Files.writeString(work.resolve("password"), PASSWORD + "\n");
        Files.createDirectories(work.resolve("repos"));
        BulwarkCli cli = new BulwarkCli(agentCommand, passwordFile, work);
        List<String> facts = MachineFacts.describe(runner, work, cli, workload, sizeMib);
        Results results = new Results(workload.diskBytes());
        List<BackupProgram> programs = List.of(new Bulwark(cli, work.resolve("repos/bulwark"), workload),
                new Restic(work, workload, PASSWORD), new Borg(work, workload, PASSWORD));
        for (BackupProgram program : programs) {
            program.init(runner);
        }

        for (BackupProgram program : programs) {
            backUp(program, Operation.FULL_BACKUP, workload, results);
            if (program.tool() == Tool.BULWARK) {
                fullBackupWithoutWarmup(cli, workload, results);
            }
        }
        workload.applyChanges();
        Optional<String> notChanged = DiskFiles.difference(workload.changed(), workload.live());
        results.check(new Check("the live disk, changed in place, equals the changed disk", notChanged.isEmpty(),
                notChanged.orElse(workload.rewritten().size() + " blocks rewritten")));
        for (BackupProgram program : programs) {
            backUp(program, Operation.INCREMENTAL, workload, results);
        }
        for (BackupProgram program : programs) {
            restore(program, workload, results);
        }
        for (BackupProgram program : programs) {
            preparation.before(reads(program));
            record(results, program.tool(), Operation.VERIFY, program.verify(runner));
        }
        for (BackupProgram program : programs) {
            results.repositorySize(program.tool(), DiskFiles.apparentSize(program.repository()));
        }
        DirtyBitmapRun.Outcome bitmap = new DirtyBitmapRun(runner, preparation, cli, workload, work).run();
        record(results, Tool.BULWARK, Operation.FULL_BACKUP_NBD, bitmap.fullBackup());
        record(results, Tool.BULWARK, Operation.INCREMENTAL_BITMAP, bitmap.incremental());
        bitmap.checks().forEach(results::check);
        return new Report(facts, results);
    }

    private void backUp(BackupProgram program, Operation operation, Workload workload, Results results)
            throws StepFailedException {
        preparation.before(List.of(workload.live()));
        record(results, program.tool(), operation, program.backup(runner, operation));
    }

    /** The same full backup into a fresh repository, with the AES-GCM warm-up switched off in that process only. */
    private void fullBackupWithoutWarmup(BulwarkCli cli, Workload workload, Results results)
            throws StepFailedException {
        Path repository = work.resolve("repos/bulwark-no-warmup");
        cli.init(runner, repository);
        preparation.before(List.of(workload.live()));
        BulwarkCli.BackupRun run = cli.backup(runner, "Bulwark full backup without AES warm-up", repository,
                workload.live().toString(), List.of(), Map.of(Runner.CRYPTO_WARMUP_VARIABLE, "off"));
        record(results, Tool.BULWARK, Operation.FULL_BACKUP_NO_WARMUP, run.measurement());
    }

    /** Restores the full backup into an empty directory and checks it bit for bit against the base disk. */
    private void restore(BackupProgram program, Workload workload, Results results)
            throws StepFailedException, IOException {
        Path directory = Files.createDirectories(work.resolve("restores").resolve(program.tool().name().toLowerCase(Locale.ROOT)));
        preparation.before(reads(program));
        BackupProgram.Restored restored = program.restoreFull(runner, directory);
        record(results, program.tool(), Operation.RESTORE, restored.measurement());
        Optional<String> difference = DiskFiles.difference(workload.base(), restored.file());
        results.check(new Check(program.tool().label() + " restore of the full backup is bit-exact", difference.isEmpty(),
                difference.orElse("identical to the base disk")));
        if (difference.isPresent()) {
            progress.println("bench: WRONG RESTORE: " + program.tool().label() + ": " + difference.get());
        }
    }

    private static List<Path> reads(BackupProgram program) {
        List<Path> reads = new ArrayList<>(List.of(program.repository()));
        reads.addAll(program.caches());
        return reads;
    }

    private void record(Results results, Tool tool, Operation operation, Measurement measurement) {
        results.record(tool, operation, measurement);
        progress.printf(Locale.ROOT, "bench: %-8s %-30s %7.2f s %8.1f MiB  (others used %.0f%% of the CPUs)%n",
                tool.label(), operation.label(), measurement.wallSeconds(), measurement.peakRssMib(),
                100 * measurement.othersCpuShare());
    }
}
