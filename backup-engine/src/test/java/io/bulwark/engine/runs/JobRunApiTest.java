package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.RestoreDestination;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.jobs.Retention;
import io.bulwark.protocol.jobs.RetentionUnit;
import io.bulwark.protocol.repositories.EncryptionRequest;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup job run through the API on a real engine: the backup server is the virtualization host
 * (scanned locally) and the built-in proxy reads its qcow2 and raw images in virtual appliance mode
 * into the default repository. The second run reads only what the qcow2 image's dirty bitmap marks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRunApiTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    static Path temp;
    private EngineProcess engine;
    private TestApi admin;
    /** The backup server as the virtualization host of both tests, one datastore each. */
    private UUID host;

    @BeforeAll
    void start() {
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        host = UUID.fromString(ok(admin.post(ApiPaths.VIRTUALIZATION_HOSTS, new VirtualizationHostRequest(
                admin.builtIn(ApiPaths.SERVERS), List.of(temp.resolve("datastore").toString(),
                temp.resolve("busy-datastore").toString()), 0)), 201).path("id").asText());
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aJobBacksUpEveryDiskAndItsSecondRunReadsOnlyTheDirtyBlocks() throws Exception {
        Path datastore = temp.resolve("datastore");
        Path web = QemuImages.create(datastore.resolve("web").resolve("web.qcow2"), "qcow2", "64M");
        QemuImages.write(web, 0x5a, "0", "4M");
        Path db = datastore.resolve("db").resolve("db.raw");
        Files.createDirectories(db.getParent());
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            file.setLength(16 * MIB);
            file.seek(MIB);
            file.write(new byte[(int) (2 * MIB)]);
            file.seek(MIB);
            file.write("some rows".getBytes(StandardCharsets.UTF_8));
        }
        ok(admin.post(ApiPaths.virtualizationHostRescan(host), null), 200);
        JobRequest request = new JobRequest("Nightly", null, JobType.VM_BACKUP, admin.builtIn(ApiPaths.REPOSITORIES),
                List.of(new JobObject(new VmReference(host, web.getParent().toString()).toString(), List.of()),
                        new JobObject(new VmReference(host, db.getParent().toString()).toString(), List.of())),
                null, null, null, null, true);
        UUID job = UUID.fromString(ok(admin.post(ApiPaths.JOBS, request), 201).path("id").asText());

        JsonNode first = runToEnd(job);

        assertThat(first.path("session").path("state").asText()).as(first.toString()).isEqualTo("SUCCESS");
        assertThat(first.path("success").asInt()).isEqualTo(2);
        JsonNode webTask = task(first, "web", "web.qcow2");
        assertThat(webTask.path("transportMode").asText()).isEqualTo("VIRTUAL_APPLIANCE");
        assertThat(webTask.path("readBytes").asLong()).as("the full read of what is allocated").isEqualTo(4 * MIB);
        assertThat(ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200)).hasSize(2);

        QemuImages.write(web, 0x66, "32M", "1M");
        JsonNode second = runToEnd(job);

        assertThat(second.path("session").path("state").asText()).as(second.toString()).isEqualTo("SUCCESS");
        assertThat(task(second, "web", "web.qcow2").path("readBytes").asLong())
                .as("only the block the bitmap marks dirty").isEqualTo(MIB);
        assertThat(ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200)).hasSize(4);
        assertThat(QemuImages.bitmaps(web)).as("only the newest restore point's bitmap is left").hasSize(1);
        assertThat(second.path("load").path("source").asInt()).isBetween(0, 100);

        JsonNode full = runToEnd(job, JobAction.ACTIVE_FULL);

        assertThat(full.path("session").path("state").asText()).as(full.toString()).isEqualTo("SUCCESS");
        assertThat(task(full, "web", "web.qcow2").path("readBytes").asLong())
                .as("an active full reads everything allocated again").isEqualTo(5 * MIB);
        assertThat(ok(admin.post(ApiPaths.jobAction(job, JobAction.RETRY), null), 409).path("message").asText())
                .contains("no failed VM");

        // Restores, from the newest restore point of the web VM: to a new VM beside it, then over the original.
        JsonNode webPoint = null;
        for (JsonNode p : ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200)) {
            if (webPoint == null && p.path("vmName").asText().equals("web")) {
                webPoint = p; // newest first
            }
        }
        assertThat(webPoint).isNotNull();
        assertThat(webPoint.path("sessionId").asText()).isEqualTo(full.path("session").path("id").asText());
        UUID point = UUID.fromString(webPoint.path("id").asText());
        JsonNode copy = restoreToEnd(new RestoreRequest(point, List.of(),
                RestoreDestination.newLocation(host, datastore.toString(), "web-restored")));
        assertThat(copy.path("session").path("state").asText()).as(copy.toString()).isEqualTo("SUCCESS");
        assertThat(copy.path("session").path("jobType").asText()).isEqualTo("RESTORE");
        Path restored = datastore.resolve("web-restored").resolve("web.qcow2");
        assertThat(QemuImages.identical(restored, web)).as("the restored image is the source, bit for bit").isTrue();

        assertThat(ok(admin.post(ApiPaths.RESTORES, new RestoreRequest(point, List.of(),
                RestoreDestination.originalLocation(false))), 400).path("fields").path("destination.overwrite")
                .asText()).contains("confirm");
        QemuImages.write(web, 0x77, "0", "1M");
        assertThat(QemuImages.identical(restored, web)).isFalse();
        JsonNode back = restoreToEnd(new RestoreRequest(point, List.of("web.qcow2"),
                RestoreDestination.originalLocation(true)));
        assertThat(back.path("session").path("state").asText()).as(back.toString()).isEqualTo("SUCCESS");
        assertThat(QemuImages.identical(restored, web)).as("the original is as it was at the restore point").isTrue();

        JsonNode health = follow(UUID.fromString(ok(admin.post(ApiPaths.jobAction(job, JobAction.HEALTH_CHECK), null),
                202).path("id").asText()));
        assertThat(health.path("session").path("state").asText()).as(health.toString()).isEqualTo("SUCCESS");
        assertThat(ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200))
                .allSatisfy(p -> assertThat(p.path("health").asText()).isEqualTo("HEALTHY"));

        // Keep one restore point per VM: the next run's retention removes the older ones and frees their blocks.
        JsonNode saved = ok(admin.get(ApiPaths.JOBS + "/" + job), 200);
        ok(admin.put(ApiPaths.JOBS + "/" + job, new JobRequest(saved.path("name").asText(), null, JobType.VM_BACKUP,
                admin.builtIn(ApiPaths.REPOSITORIES), request.objects(), null, new Retention(RetentionUnit.RESTORE_POINTS, 1),
                null, null, true)), 200);
        JsonNode last = runToEnd(job);
        assertThat(last.path("session").path("state").asText()).as(last.toString()).isEqualTo("SUCCESS");
        awaitRestorePoints(job, 2);
        JsonNode kept = ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200);
        assertThat(kept).allSatisfy(p -> assertThat(p.path("sessionId").asText())
                .isEqualTo(last.path("session").path("id").asText()));
        JsonNode again = restoreToEnd(new RestoreRequest(UUID.fromString(kept.get(0).path("id").asText()), List.of(),
                RestoreDestination.newLocation(host, datastore.toString(), "after-retention-" + kept.get(0)
                        .path("vmName").asText())));
        assertThat(again.path("session").path("state").asText()).as(again.toString()).isEqualTo("SUCCESS");
    }

    /**
     * A job with its own encryption password: its backups go to a folder of their own that only that
     * password opens; a changed password reseals it, and every restore point made before or after
     * restores, also once the job is deleted.
     */
    @Test
    void aJobWithItsOwnPasswordKeepsItsBackupsInItsOwnFolderAndSurvivesAPasswordChange() throws Exception {
        Path datastore = temp.resolve("datastore");
        Path vault = QemuImages.create(datastore.resolve("vault").resolve("vault.qcow2"), "qcow2", "32M");
        QemuImages.write(vault, 0x3c, "0", "2M");
        ok(admin.post(ApiPaths.virtualizationHostRescan(host), null), 200);
        List<JobObject> objects = List.of(new JobObject(new VmReference(host, vault.getParent().toString()).toString(),
                List.of()));
        UUID repository = admin.builtIn(ApiPaths.REPOSITORIES);

        assertThat(ok(admin.post(ApiPaths.JOBS, sealed(objects, repository, new EncryptionRequest(true, null, null))),
                400).path("fields").path("encryption.password").asText()).contains("required");
        assertThat(ok(admin.post(ApiPaths.JOBS, sealed(objects, repository, new EncryptionRequest(true, "short",
                null))), 400).path("fields").path("encryption.password").asText()).contains("8 to 1024");
        UUID job = UUID.fromString(ok(admin.post(ApiPaths.JOBS, sealed(objects, repository,
                new EncryptionRequest(true, "the first job password", "the first one"))), 201).path("id").asText());
        JsonNode saved = ok(admin.get(ApiPaths.JOBS + "/" + job), 200);
        assertThat(saved.path("encryption").path("enabled").asBoolean()).isTrue();
        assertThat(saved.path("encryption").path("passwordSet").asBoolean()).isTrue();
        assertThat(saved.path("encryption").path("passwordHint").asText()).isEqualTo("the first one");
        assertThat(saved.toString()).as("the password never leaves the engine").doesNotContain("first job password");

        JsonNode first = runToEnd(job);

        assertThat(first.path("session").path("state").asText()).as(first.toString()).isEqualTo("SUCCESS");
        assertThat(first.path("vms").toString()).contains("Set up the job's own encrypted folder");
        JsonNode firstPoint = ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200).get(0);
        Path folder = Path.of(ok(admin.get(ApiPaths.REPOSITORIES + "/" + repository), 200).path("path").asText())
                .resolve("jobs").resolve(job.toString());
        assertThat(firstPoint.path("folder").asText()).isEqualTo(folder.toString());
        RepositoryOperations operations = new RepositoryOperations(java.time.Clock.systemUTC(), Duration.ofSeconds(5),
                1, notice -> { });
        assertThat(operations.points(folder, "the first job password")).as("the disk's point is in the job's folder")
                .hasSize(1);
        Path atFirst = Files.copy(vault, temp.resolve("vault-at-first.qcow2"));

        ok(admin.put(ApiPaths.JOBS + "/" + job, sealed(objects, repository,
                new EncryptionRequest(true, "the second job password", "the second one"))), 200);

        assertThat(operations.points(folder, "the second job password")).as("resealed with the new one").hasSize(1);
        assertThatThrownBy(() -> operations.points(folder, "the first job password"))
                .as("the old password opens it no more").isInstanceOf(RepositoryException.class);
        QemuImages.write(vault, 0x4d, "16M", "1M");
        JsonNode second = runToEnd(job);
        assertThat(second.path("session").path("state").asText()).as(second.toString()).isEqualTo("SUCCESS");
        assertThat(task(second, "vault", "vault.qcow2").path("readBytes").asLong())
                .as("the incremental goes on in the resealed folder").isEqualTo(MIB);
        // Left empty, the password stays as it is.
        ok(admin.put(ApiPaths.JOBS + "/" + job, sealed(objects, repository, new EncryptionRequest(true, "",
                "the second one"))), 200);
        assertThat(operations.points(folder, "the second job password")).hasSize(2);

        JsonNode old = restoreToEnd(new RestoreRequest(UUID.fromString(firstPoint.path("id").asText()), List.of(),
                RestoreDestination.newLocation(host, datastore.toString(), "vault-first")));
        assertThat(old.path("session").path("state").asText()).as(old.toString()).isEqualTo("SUCCESS");
        assertThat(QemuImages.identical(datastore.resolve("vault-first").resolve("vault.qcow2"), atFirst))
                .as("the point made before the change, bit for bit").isTrue();

        UUID newest = UUID.fromString(ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200).get(0)
                .path("id").asText());
        ok(admin.delete(ApiPaths.JOBS + "/" + job), 204);
        JsonNode orphan = restoreToEnd(new RestoreRequest(newest, List.of(),
                RestoreDestination.newLocation(host, datastore.toString(), "vault-after-delete")));
        assertThat(orphan.path("session").path("state").asText()).as(orphan.toString()).isEqualTo("SUCCESS");
        assertThat(QemuImages.identical(datastore.resolve("vault-after-delete").resolve("vault.qcow2"), vault))
                .as("a point outlives its job, with the password that opens it").isTrue();
    }

    private static JobRequest sealed(List<JobObject> objects, UUID repository, EncryptionRequest encryption) {
        return new JobRequest("Vault", null, JobType.VM_BACKUP, repository, objects, null, null, null, encryption,
                true);
    }

    private void awaitRestorePoints(UUID job, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200).size() != count) {
            assertThat(Instant.now()).as("retention leaves " + count + " restore points").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void aRunningVmIsSkippedWithAWarningAndADeletedOneFailsWithItsReason() throws Exception {
        Path datastore = temp.resolve("busy-datastore");
        Path app = datastore.resolve("app").resolve("app.qcow2");
        Path gone = datastore.resolve("gone").resolve("gone.qcow2");
        for (Path image : List.of(app, gone)) {
            QemuImages.create(image, "qcow2", "8M");
        }
        JobRequest request = new JobRequest("Busy", null, JobType.VM_BACKUP, admin.builtIn(ApiPaths.REPOSITORIES),
                List.of(new JobObject(new VmReference(host, app.getParent().toString()).toString(), List.of()),
                        new JobObject(new VmReference(host, gone.getParent().toString()).toString(), List.of())),
                null, null, null, null, true);
        UUID job = UUID.fromString(ok(admin.post(ApiPaths.JOBS, request), 201).path("id").asText());
        try (AutoCloseable running = QemuImages.running(app, "qcow2")) {
            Files.delete(gone);
            Files.delete(gone.getParent());
            ok(admin.post(ApiPaths.virtualizationHostRescan(host), null), 200);

            JsonNode details = runToEnd(job);

            assertThat(details.path("session").path("state").asText()).as(details.toString()).isEqualTo("FAILED");
            assertThat(details.path("warnings").asInt()).isEqualTo(1);
            assertThat(details.path("errors").asInt()).isEqualTo(1);
            assertThat(vm(details, "app").path("message").asText()).contains("running");
            assertThat(vm(details, gone.getParent().toString()).path("message").asText())
                    .contains("deleted or moved");
            assertThat(ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200)).isEmpty();
        }
    }

    private static JsonNode vm(JsonNode details, String name) {
        for (JsonNode v : details.path("vms")) {
            if (v.path("name").asText().equals(name) || v.path("reference").asText().endsWith(":" + name)) {
                return v;
            }
        }
        throw new AssertionError("no VM " + name + " in " + details);
    }

    private JsonNode runToEnd(UUID job) throws InterruptedException {
        return runToEnd(job, JobAction.START);
    }

    private JsonNode runToEnd(UUID job, JobAction action) throws InterruptedException {
        return follow(UUID.fromString(ok(admin.post(ApiPaths.jobAction(job, action), null), 202).path("id").asText()));
    }

    private JsonNode restoreToEnd(RestoreRequest request) throws InterruptedException {
        return follow(UUID.fromString(ok(admin.post(ApiPaths.RESTORES, request), 202).path("id").asText()));
    }

    private JsonNode follow(UUID session) throws InterruptedException {
        return admin.sessionToEnd(session);
    }

    private static JsonNode task(JsonNode details, String vm, String disk) {
        for (JsonNode v : details.path("vms")) {
            if (v.path("name").asText().equals(vm)) {
                for (JsonNode t : v.path("tasks")) {
                    if (t.path("disk").asText().equals(disk)) {
                        return t;
                    }
                }
            }
        }
        throw new AssertionError("no disk " + disk + " of VM " + vm + " in " + details);
    }


    private static JsonNode ok(Response response, int status) {
        return response.expect(status);
    }
}
