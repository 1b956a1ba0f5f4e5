package io.bulwark.agent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Bulwark's incremental through changed-block tracking, the way a KVM host offers it: the base
 * disk as a qcow2 image with a persistent dirty bitmap, exported by qemu-nbd; a full backup over
 * NBD; exactly the rewritten blocks written into the image with qemu-io (which marks them in the
 * bitmap); then the incremental that reads only what the bitmap marks. Its own repository, so the
 * main one's size compares like with like against the peers'.
 */
final class DirtyBitmapRun {
    static final String BITMAP = "bw0";
    /** Reading up to twice what changed still shows the bitmap at work; more means it was not used. */
    private static final double READ_SLACK = 2;

    private final Runner runner;
    private final StepPreparation preparation;
    private final BulwarkCli cli;
    private final Workload workload;
    private final Path directory;
    private final Path repository;

    DirtyBitmapRun(Runner runner, StepPreparation preparation, BulwarkCli cli, Workload workload, Path work)
            throws IOException {
        this.runner = runner;
        this.preparation = preparation;
        this.cli = cli;
        this.workload = workload;
        this.directory = Files.createDirectories(work.resolve("nbd"));
        this.repository = work.resolve("repos/bulwark-nbd");
    }

    /** The two timed backups, and what was checked on the way. */
    record Outcome(Measurement fullBackup, Measurement incremental, List<Check> checks) {
    }

    Outcome run() throws StepFailedException, IOException {
        Path image = directory.resolve("disk.qcow2");
        qemuImg("qemu-img convert", "convert", "-f", "raw", "-O", "qcow2", workload.base().toString(), image.toString());
        // The bitmap exists before the full backup, so it holds every change made after it.
        qemuImg("qemu-img bitmap", "bitmap", "--add", image.toString(), BITMAP);
        cli.init(runner, repository);
        Measurement full;
        try (NbdExport export = NbdExport.start(runner, image, Optional.empty())) {
            preparation.before(List.of(image));
            full = cli.backup(runner, "Bulwark full backup over NBD", repository, export.uri(), List.of(), Map.of())
                    .measurement();
        }
        writeChanges(image);
        Check written = sameAsChanged(image);
        BulwarkCli.BackupRun incremental;
        try (NbdExport export = NbdExport.start(runner, image, Optional.of(BITMAP))) {
            preparation.before(List.of(image));
            incremental = cli.backup(runner, "Bulwark incremental by dirty bitmap", repository, export.uri(),
                    List.of("--bitmap", BITMAP), Map.of());
        }
        return new Outcome(full, incremental.measurement(), List.of(written,
                readOnlyTheChanges(incremental.summary(), workload.diskBytes()),
                restoresTheChangedDisk(incremental.summary().pointId())));
    }

    /** qemu-io's write -s fills its buffer from a file's start, so each rewritten block gets a file of its own. */
    private void writeChanges(Path image) throws StepFailedException, IOException {
        Path blocks = Files.createDirectories(directory.resolve("rewritten"));
        List<String> words = new ArrayList<>(List.of("qemu-io", "-f", "qcow2"));
        for (long block : workload.rewritten()) {
            Path file = blocks.resolve("block-" + block + ".bin");
            DiskFiles.extractBlock(workload.changed(), block, file);
            words.addAll(List.of("-c", "write -q -s " + directory.relativize(file) + " " + block * SyntheticDisk.BLOCK
                    + " " + Files.size(file)));
        }
        words.add(image.toString());
        runner.run(new ExternalCommand("qemu-io writes", words, directory));
    }

    /** qemu-io exits 0 even when a write failed; comparing the whole image is what proves the writes. */
    private Check sameAsChanged(Path image) throws StepFailedException {
        String what = "qcow2 after qemu-io's writes equals the changed disk (qemu-img compare)";
        qemuImg("qemu-img compare", "compare", "-f", "qcow2", "-F", "raw", image.toString(),
                workload.changed().toString());
        return new Check(what, true, workload.rewritten().size() + " blocks written, images identical");
    }

    private Check readOnlyTheChanges(BackupSummary summary, long diskBytes) {
        long changed = (long) workload.rewritten().size() * SyntheticDisk.BLOCK;
        boolean passed = summary.bytesRead() >= changed && summary.bytesRead() <= READ_SLACK * changed;
        return new Check("the dirty bitmap incremental read only the changed blocks", passed, String.format(Locale.ROOT,
                "read %.1f MiB (%.2f%% of the disk); %d blocks, %.1f MiB, were rewritten", summary.bytesRead() / 1048576.0,
                100.0 * summary.bytesRead() / diskBytes, workload.rewritten().size(), changed / 1048576.0));
    }

    private Check restoresTheChangedDisk(String point) throws StepFailedException, IOException {
        Path restores = Files.createDirectories(directory.resolve("restored"));
        Path target = restores.resolve("disk.raw");
        preparation.before(List.of(repository));
        cli.restore(runner, "Bulwark restore of the dirty bitmap incremental", repository, point, target);
        Optional<String> difference = DiskFiles.difference(workload.changed(), target);
        return new Check("Bulwark restore of the dirty bitmap incremental is bit-exact", difference.isEmpty(),
                difference.orElse("identical to the changed disk"));
    }

    private void qemuImg(String label, String... args) throws StepFailedException {
        List<String> words = new ArrayList<>(List.of("qemu-img"));
        words.addAll(List.of(args));
        runner.run(new ExternalCommand(label, words, directory));
    }
}
