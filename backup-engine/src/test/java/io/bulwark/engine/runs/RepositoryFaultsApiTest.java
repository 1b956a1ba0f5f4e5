package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.Processes;
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
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.RepositoryRequest;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults around one repository on a real engine (the backup server is the virtualization host and
 * its built-in proxy reads into the default repository): two jobs writing at once, damaged blocks
 * that the health check must find, and a repository that fills up, none of which may cost a
 * restore point made before.
 */
class RepositoryFaultsApiTest {
    @TempDir
    Path temp;
    private EngineProcess engine;
    private TestApi admin;
    private UUID host;
    private Path datastore;

    @BeforeEach
    void start() {
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        datastore = temp.resolve("datastore");
        host = UUID.fromString(ok(admin.post(ApiPaths.VIRTUALIZATION_HOSTS, new VirtualizationHostRequest(
                admin.builtIn(ApiPaths.SERVERS), List.of(datastore.toString()), 0)), 201).path("id").asText());
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void twoJobsWritingToOneRepositoryAtOnceBothSucceed() throws Exception {
        UUID first = job("Web servers", vm("web", 0x11));
        UUID second = job("Databases", vm("db", 0x22));

        UUID one = start(first, JobAction.START);
        UUID two = start(second, JobAction.START);

        assertThat(state(follow(one))).isEqualTo("SUCCESS");
        assertThat(state(follow(two))).isEqualTo("SUCCESS");
        assertThat(ok(admin.get(ApiPaths.RESTORE_POINTS), 200)).hasSize(2);
    }

    @Test
    void aHealthCheckFindsDamagedBlocksAndARestoreFromThemFailsWithoutTouchingTheTarget() throws Exception {
        Path web = vm("web", 0x33);
        UUID job = job("Nightly", web);
        assertThat(state(follow(start(job, JobAction.START)))).isEqualTo("SUCCESS");
        assertThat(state(follow(start(job, JobAction.HEALTH_CHECK)))).isEqualTo("SUCCESS");

        damageEveryPack(Path.of(builtInRepositoryPath()));
        JsonNode check = follow(start(job, JobAction.HEALTH_CHECK));

        assertThat(state(check)).as(check.toString()).isEqualTo("WARNING");
        assertThat(check.path("vms").get(0).path("message").asText()).contains("damaged").contains("active full");
        JsonNode point = ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job), 200).get(0);
        assertThat(point.path("health").asText()).isEqualTo("DAMAGED");

        JsonNode restore = follow(UUID.fromString(ok(admin.post(ApiPaths.RESTORES, new RestoreRequest(
                UUID.fromString(point.path("id").asText()), List.of(), RestoreDestination.newLocation(host,
                        datastore.toString(), "web-copy"))), 202).path("id").asText()));
        assertThat(state(restore)).as(restore.toString()).isEqualTo("FAILED");
        assertThat(restore.path("vms").get(0).path("message").asText()).isNotBlank();
        assertThat(datastore.resolve("web-copy").resolve("web.qcow2")).as("no half-restored image").doesNotExist();
    }

    @Test
    void aFullRepositoryFailsTheBackupWithTheReasonAndKeepsTheEarlierRestorePointsWhole() throws Exception {
        Path small = temp.resolve("small-disk");
        Files.createDirectories(small);
        Processes.run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", small.toString());
        try {
            UUID repository = UUID.fromString(admin.post(ApiPaths.REPOSITORIES, new RepositoryRequest("Small", null,
                    admin.builtIn(ApiPaths.SERVERS), small.resolve("repository").toString(), 4,
                    new EncryptionRequest(false, null, null))).expect(201).path("id").asText());
            awaitReady(repository);
            Path mail = randomRawVm("mail", 4);
            UUID before = job("Mail", mail, repository);
            assertThat(state(follow(start(before, JobAction.START)))).isEqualTo("SUCCESS");
            UUID big = job("Archive", randomRawVm("archive", 48), repository);

            JsonNode full = follow(start(big, JobAction.START));

            assertThat(state(full)).as(full.toString()).isEqualTo("FAILED");
            assertThat(full.path("vms").get(0).path("message").asText()).containsIgnoringCase("space");
            JsonNode point = ok(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + before), 200).get(0);
            Files.createDirectories(datastore);
            JsonNode restore = follow(UUID.fromString(ok(admin.post(ApiPaths.RESTORES, new RestoreRequest(
                    UUID.fromString(point.path("id").asText()), List.of(), RestoreDestination.newLocation(host,
                            datastore.toString(), "mail-copy"))), 202).path("id").asText()));
            assertThat(state(restore)).as(restore.toString()).isEqualTo("SUCCESS");
            assertThat(QemuImages.identical(datastore.resolve("mail-copy").resolve("mail.raw"), mail))
                    .as("the restore point made before the repository filled up is whole").isTrue();
        } finally {
            Processes.run("umount", "-l", small.toString());
        }
    }

    @Test
    void aChangedEncryptionPasswordResealsTheRepositoryAndEveryEarlierPointStillRestores() throws Exception {
        Path mail = randomRawVm("mail", 2);
        UUID job = job("Mail", mail);
        assertThat(state(follow(start(job, JobAction.START)))).isEqualTo("SUCCESS");
        UUID repository = admin.builtIn(ApiPaths.REPOSITORIES);
        JsonNode current = admin.get(ApiPaths.REPOSITORIES + "/" + repository).expect(200);

        for (EncryptionRequest encryption : List.of(new EncryptionRequest(true, "correct horse battery", "a horse"),
                new EncryptionRequest(true, "another staple", null), new EncryptionRequest(false, null, null))) {
            admin.put(ApiPaths.REPOSITORIES + "/" + repository, new RepositoryRequest(current.path("name").asText(),
                    null, UUID.fromString(current.path("serverId").asText()), current.path("path").asText(), 4,
                    encryption)).expect(200);
            assertThat(state(follow(start(job, JobAction.START)))).as("a backup after " + encryption.enabled())
                    .isEqualTo("SUCCESS");
        }

        List<JsonNode> points = new java.util.ArrayList<>();
        admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200).forEach(points::add);
        assertThat(points).hasSize(4);
        JsonNode first = points.getLast();
        JsonNode restore = follow(UUID.fromString(admin.post(ApiPaths.RESTORES, new RestoreRequest(
                UUID.fromString(first.path("id").asText()), List.of(), RestoreDestination.newLocation(host,
                        datastore.toString(), "mail-first"))).expect(202).path("id").asText()));
        assertThat(state(restore)).as(restore.toString()).isEqualTo("SUCCESS");
        assertThat(QemuImages.identical(datastore.resolve("mail-first").resolve("mail.raw"), mail)).isTrue();
    }

    @Test
    void anEngineKilledDuringABackupEndsTheSessionFailedAtItsNextStartAndTheNextRunStoresOnlyWhatIsMissing()
            throws Exception {
        Path archive = randomRawVm("archive", 768);
        UUID job = job("Archive", archive);
        UUID session = start(job, JobAction.START);
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        JsonNode running;
        do {
            running = admin.get(ApiPaths.sessionDetails(session)).expect(200);
            assertThat(System.nanoTime()).as("some of the disk is read while the session runs: " + running)
                    .isLessThan(deadline);
            Thread.sleep(20);
        } while (running.path("session").path("processedBytes").asLong() < 64L << 20
                && state(running).equals("RUNNING"));
        assertThat(state(running)).as("the backup is still going when the engine dies").isEqualTo("RUNNING");

        engine.kill();
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());

        JsonNode interrupted = admin.get(ApiPaths.sessionDetails(session)).expect(200);
        assertThat(state(interrupted)).isEqualTo("FAILED");
        assertThat(interrupted.path("session").path("message").asText()).contains("engine stopped while this session ran");
        assertThat(interrupted.path("vms").get(0).path("state").asText()).as("the VM it was reading, too")
                .isEqualTo("FAILED");
        assertThat(interrupted.path("errors").asInt()).isEqualTo(1);
        assertThat(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200)).as("no partial restore point")
                .isEmpty();
        JsonNode again = follow(start(job, JobAction.START));
        assertThat(state(again)).as(again.toString()).isEqualTo("SUCCESS");
        long transferred = again.path("session").path("transferredBytes").asLong();
        // It was killed past 64 MiB; a few blocks may have been in flight, not stored.
        assertThat(transferred).as("what the killed run had stored is not sent again")
                .isLessThanOrEqualTo((768L - 16) << 20);
    }

    /** A raw image of random (incompressible, undeduplicable) bytes, {@code mib} MiB. */
    private Path randomRawVm(String name, int mib) throws Exception {
        Path image = datastore.resolve(name).resolve(name + ".raw");
        Files.createDirectories(image.getParent());
        byte[] bytes = new byte[mib << 20];
        new java.util.Random(name.hashCode()).nextBytes(bytes);
        Files.write(image, bytes);
        ok(admin.post(ApiPaths.virtualizationHostRescan(host), null), 200);
        return image;
    }

    private void awaitReady(UUID repository) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (!admin.get(ApiPaths.REPOSITORIES + "/" + repository).expect(200).path("status").path("state").asText()
                .equals("READY")) {
            assertThat(System.nanoTime()).as("the repository is set up within a minute").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Overwrites a stretch in the middle of every pack file: the blocks there no longer authenticate. */
    private static void damageEveryPack(Path repository) throws Exception {
        List<Path> packs;
        try (Stream<Path> files = Files.walk(repository.resolve("packs"))) {
            packs = files.filter(f -> f.toString().endsWith(".pack")).toList();
        }
        assertThat(packs).isNotEmpty();
        for (Path pack : packs) {
            try (RandomAccessFile file = new RandomAccessFile(pack.toFile(), "rw")) {
                file.seek(file.length() / 2);
                file.write(new byte[64]);
            }
        }
    }

    private Path vm(String name, int pattern) throws Exception {
        Path image = QemuImages.create(datastore.resolve(name).resolve(name + ".qcow2"), "qcow2", "16M");
        QemuImages.write(image, pattern, "0", "2M");
        ok(admin.post(ApiPaths.virtualizationHostRescan(host), null), 200);
        return image;
    }

    private UUID job(String name, Path image) {
        return job(name, image, admin.builtIn(ApiPaths.REPOSITORIES));
    }

    private UUID job(String name, Path image, UUID repository) {
        JobRequest request = new JobRequest(name, null, JobType.VM_BACKUP, repository,
                List.of(new JobObject(new VmReference(host, image.getParent().toString()).toString(), List.of())),
                null, null, null, null, true);
        return UUID.fromString(ok(admin.post(ApiPaths.JOBS, request), 201).path("id").asText());
    }

    private UUID start(UUID job, JobAction action) {
        return UUID.fromString(ok(admin.post(ApiPaths.jobAction(job, action), null), 202).path("id").asText());
    }

    private JsonNode follow(UUID session) throws InterruptedException {
        return admin.sessionToEnd(session);
    }

    private static String state(JsonNode details) {
        return details.path("session").path("state").asText();
    }

    private String builtInRepositoryPath() {
        for (JsonNode repository : ok(admin.get(ApiPaths.REPOSITORIES), 200)) {
            if (repository.path("builtIn").asBoolean()) {
                return repository.path("path").asText();
            }
        }
        throw new AssertionError("no default repository");
    }


    private static JsonNode ok(Response response, int status) {
        return response.expect(status);
    }
}
