package io.bulwark.agent.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * restic (Debian's 0.14) at its defaults: repository format 2, compression auto. It runs in the
 * work directory and backs up the relative path {@code vm/disk.raw}; its cache is kept in the work
 * directory too, so that nothing of the user's is touched and every run starts equal.
 */
final class Restic implements BackupProgram {
    private final Path work;
    private final Path repository;
    private final Path cache;
    private final Path live;
    private final Map<String, String> environment;
    private String fullSnapshot;

    Restic(Path work, Workload workload, String password) {
        this.work = work;
        this.repository = work.resolve("repos/restic");
        this.cache = work.resolve("caches/restic");
        this.live = work.relativize(workload.live());
        this.environment = Map.of("RESTIC_PASSWORD", password, "RESTIC_CACHE_DIR", cache.toString());
    }

    @Override
    public Tool tool() {
        return Tool.RESTIC;
    }

    @Override
    public Path repository() {
        return repository;
    }

    @Override
    public List<Path> caches() {
        return List.of(cache);
    }

    @Override
    public void init(Runner runner) throws StepFailedException {
        runner.run(command("restic init", work, "init"));
    }

    @Override
    public Measurement backup(Runner runner, Operation operation) throws StepFailedException {
        Measurement measurement = runner.timed(command("restic " + operation.label(), work, "backup",
                live.toString())).measurement();
        if (operation == Operation.FULL_BACKUP) {
            fullSnapshot = onlySnapshot(runner.run(command("restic snapshots", work, "snapshots", "--json")));
        }
        return measurement;
    }

    @Override
    public Restored restoreFull(Runner runner, Path directory) throws StepFailedException {
        Objects.requireNonNull(fullSnapshot, "the full backup comes before its restore");
        Measurement measurement = runner.timed(command("restic restore", work, "restore", fullSnapshot, "--target",
                directory.toString())).measurement();
        try {
            return new Restored(measurement, DiskFiles.onlyFile(directory));
        } catch (IOException e) {
            throw new StepFailedException("Cannot find what restic restored in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Measurement verify(Runner runner) throws StepFailedException {
        return runner.timed(command("restic check", work, "check", "--read-data")).measurement();
    }

    private static String onlySnapshot(String json) throws StepFailedException {
        try {
            JsonNode snapshots = ApiJson.mapper().readTree(json);
            if (snapshots == null || !snapshots.isArray() || snapshots.size() != 1 || !snapshots.get(0).hasNonNull("id")) {
                throw new StepFailedException("Expected one snapshot after restic's full backup, it listed: " + json);
            }
            return snapshots.get(0).get("id").asText();
        } catch (JsonProcessingException e) {
            throw new StepFailedException("restic snapshots --json printed something that is not JSON: " + json, e);
        }
    }

    private ExternalCommand command(String label, Path directory, String... args) {
        List<String> words = new ArrayList<>(List.of("restic", "--repo", repository.toString()));
        words.addAll(List.of(args));
        return new ExternalCommand(label, words, directory, environment);
    }
}
