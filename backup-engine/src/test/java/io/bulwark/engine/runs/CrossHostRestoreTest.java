package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.ThreeHostLab;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.RestoreDestination;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.jobs.Compression;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.JobType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores to a host other than the repository's, on the three-host site of {@link ThreeHostLab}:
 * the repository's agent restores beside the repository and the engine carries the image to the
 * destination host. From kvm's repository to proxy-a (host to host), and from the backup server's
 * own repository to kvm (the backup server to a host); each bit for bit.
 */
class CrossHostRestoreTest {
    @TempDir
    Path temp;
    private ThreeHostLab lab;
    private TestApi admin;

    @BeforeEach
    void start() throws Exception {
        lab = ThreeHostLab.start(temp, 29);
        admin = lab.admin();
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aVmRestoresBitForBitToAnotherHostFromARepositoryOnAHostAndFromTheBackupServers() throws Exception {
        Path elsewhere = temp.resolve("proxy-a-vms");
        Files.createDirectories(elsewhere);
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        UUID proxyAHost = UUID.fromString(admin.post(ApiPaths.VIRTUALIZATION_HOSTS, new VirtualizationHostRequest(
                server("proxy-a"), List.of(elsewhere.toString()), 0)).expect(201).path("id").asText());

        UUID onKvm = job("web on kvm", lab.vm("web"), lab.repository(), List.of(lab.proxyA(), lab.proxyB()));
        UUID webPoint = newestPoint(onKvm);
        JsonNode moved = restore(webPoint, RestoreDestination.newLocation(proxyAHost, elsewhere.toString(), "web-moved"));
        assertThat(QemuImages.identical(elsewhere.resolve("web-moved").resolve("web.qcow2"), lab.web()))
                .as("web, from kvm's repository to proxy-a").isTrue();
        assertThat(moved.path("vms").get(0).path("log").toString()).contains("carried to proxy-a");

        UUID onBackupServer = job("db on the backup server", lab.vm("db"), admin.builtIn(ApiPaths.REPOSITORIES),
                List.of(admin.builtIn(ApiPaths.PROXIES)));
        restore(newestPoint(onBackupServer), RestoreDestination.newLocation(lab.virtualizationHost(),
                lab.datastore().toString(), "db-home"));
        Path home = lab.datastore().resolve("db-home");
        assertThat(QemuImages.identical(home.resolve("db-system.qcow2"), lab.dbSystem())).as("vda").isTrue();
        assertThat(QemuImages.identical(home.resolve("db-data.qcow2"), lab.dbData())).as("vdb").isTrue();

        try (var left = Files.list(Path.of("/var/tmp"))) {
            assertThat(left.filter(f -> f.getFileName().toString().startsWith("bulwark-restore-")).toList())
                    .as("nothing staged is left on the repository's host").isEmpty();
        }
    }

    private UUID job(String name, JobObject vm, UUID repository, List<UUID> proxies) throws InterruptedException {
        UUID job = UUID.fromString(admin.post(ApiPaths.JOBS, new JobRequest(name, null, JobType.VM_BACKUP, repository,
                List.of(vm), null, null, new JobStorage(proxies, Compression.OPTIMAL, JobStorage.DEFAULT_BLOCK_SIZE,
                        null), null, true)).expect(201).path("id").asText());
        JsonNode run = admin.sessionToEnd(UUID.fromString(admin.post(ApiPaths.jobAction(job, JobAction.START), null)
                .expect(202).path("id").asText()));
        assertThat(run.path("session").path("state").asText()).as(() -> run.toPrettyString() + lab.agentLogs())
                .isEqualTo("SUCCESS");
        return job;
    }

    private UUID newestPoint(UUID job) {
        return UUID.fromString(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200).get(0).path("id")
                .asText());
    }

    private JsonNode restore(UUID point, RestoreDestination destination) throws InterruptedException {
        JsonNode restore = admin.sessionToEnd(UUID.fromString(admin.post(ApiPaths.RESTORES,
                new RestoreRequest(point, List.of(), destination)).expect(202).path("id").asText()));
        assertThat(restore.path("session").path("state").asText()).as(() -> restore.toPrettyString() + lab.agentLogs())
                .isEqualTo("SUCCESS");
        return restore;
    }

    private UUID server(String name) {
        for (JsonNode server : admin.get(ApiPaths.SERVERS).expect(200)) {
            if (server.path("name").asText().equals(name)) {
                return UUID.fromString(server.path("id").asText());
            }
        }
        throw new AssertionError("no server " + name);
    }
}
