package io.bulwark.engine.runs;

import static io.bulwark.engine.testing.ThreeHostLab.MIB;
import static io.bulwark.engine.testing.ThreeHostLab.tasks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.ThreeHostLab;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.RestoreDestination;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.jobs.Compression;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.repositories.EncryptionRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup job from end to end on three real hosts, through the API only, as an admin sets up a
 * small site ({@link ThreeHostLab}): host kvm holds the VMs and the backup repository, hosts
 * proxy-a and proxy-b are backup proxies. Each is a real sshd in a network namespace of its own,
 * deployed by one real engine. The proxies see none of kvm's folders, so they read in network mode:
 * for every disk the engine starts a read-only TLS qemu-nbd export on kvm, the proxy's agent reads
 * it and sends the blocks over TLS to kvm's agent, which stores them in the job's own folder of the
 * repository, sealed with the job's password. Then the incremental run reads only what the bitmaps
 * mark, and the restore brings the VM back bit for bit.
 * {@code EndToEndConsoleTest} (console-app) does the same through the console's windows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndJobTest {
    /** Namespaces of their own (20–22), apart from the ones the deployment tests use (0–9). */
    private static final int FIRST_NAMESPACE = 20;

    private ThreeHostLab lab;
    private TestApi admin;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        lab = ThreeHostLab.start(temp, FIRST_NAMESPACE);
        admin = lab.admin();
    }

    @AfterAll
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    private static final String JOB_PASSWORD = "the kvm job's own password";

    @Test
    void twoRemoteProxiesBackUpKvmsVmsInNetworkModeToKvmsRepositoryAndTheVmIsRestored() throws Exception {
        Map<String, Long> allocated = ThreeHostLab.ALLOCATED;
        UUID job = UUID.fromString(admin.post(ApiPaths.JOBS, new JobRequest("Nightly kvm", null, JobType.VM_BACKUP,
                lab.repository(), List.of(lab.vm("web"), lab.vm("db")), null, null,
                new JobStorage(List.of(lab.proxyA(), lab.proxyB()), Compression.OPTIMAL, JobStorage.DEFAULT_BLOCK_SIZE,
                        null), new EncryptionRequest(true, JOB_PASSWORD, "the kvm job's"),
                true)).expect(201).path("id").asText());

        JsonNode first = run(job);

        assertThat(state(first)).as(() -> first.toPrettyString() + lab.agentLogs()).isEqualTo("SUCCESS");
        Map<String, JsonNode> tasks = tasks(first);
        assertThat(tasks.keySet()).containsExactlyInAnyOrderElementsOf(allocated.keySet());
        Set<String> proxiesUsed = new HashSet<>();
        tasks.forEach((disk, task) -> {
            assertThat(task.path("transportMode").asText()).as(disk).isEqualTo("NETWORK");
            assertThat(task.path("readBytes").asLong()).as(disk + ": what is allocated, whole")
                    .isEqualTo(allocated.get(disk));
            proxiesUsed.add(task.path("proxyName").asText());
        });
        assertThat(first.path("readBytes").asLong()).as("the session: every disk's allocated MiB").isEqualTo(15 * MIB);
        assertThat(proxiesUsed).as("three disks on 2 + 2 slots: both proxies take work")
                .containsExactlyInAnyOrder("proxy-a", "proxy-b");
        assertThat(first.path("vms").toString()).contains("over TLS").contains("nbds://");
        assertThat(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200)).as("one per VM").hasSize(2);
        // The job's own password: kvm's agent set up the job's folder and served it to the proxies.
        Path folder = Path.of(admin.get(ApiPaths.REPOSITORIES + "/" + lab.repository()).expect(200).path("path")
                .asText()).resolve("jobs").resolve(job.toString());
        assertThat(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200))
                .allSatisfy(p -> assertThat(p.path("folder").asText()).isEqualTo(folder.toString()));
        RepositoryOperations operations = new RepositoryOperations(Clock.systemUTC(), Duration.ofSeconds(5), 1,
                notice -> { });
        assertThat(operations.points(folder, JOB_PASSWORD)).as("a point per disk, sealed with the job's password")
                .hasSize(3);
        assertThatThrownBy(() -> operations.points(folder, ThreeHostLab.REPOSITORY_PASSWORD))
                .as("the repository's password does not open the job's folder")
                .isInstanceOf(RepositoryException.class);

        QemuImages.write(lab.dbData(), 0x45, "32M", "1M");
        JsonNode second = run(job);

        assertThat(state(second)).as(() -> second.toPrettyString() + lab.agentLogs()).isEqualTo("SUCCESS");
        Map<String, JsonNode> incremental = tasks(second);
        assertThat(incremental.get("vdb").path("readBytes").asLong())
                .as("only the block its bitmap marks").isEqualTo(MIB);
        assertThat(second.path("readBytes").asLong()).as("the session: the one changed MiB").isEqualTo(MIB);
        assertThat(incremental.get("vda").path("readBytes").asLong()).as("unchanged").isZero();
        assertThat(incremental.get("web.qcow2").path("readBytes").asLong()).as("unchanged").isZero();
        incremental.forEach((disk, task) -> assertThat(task.path("transportMode").asText()).as(disk)
                .isEqualTo("NETWORK"));
        assertThat(admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200)).hasSize(4);

        UUID point = null;
        for (JsonNode p : admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200)) {
            if (point == null && p.path("vmName").asText().equals("db")) {
                point = UUID.fromString(p.path("id").asText()); // newest first
            }
        }
        assertThat(point).as("the db VM has restore points").isNotNull();
        RestoreRequest toNewVm = new RestoreRequest(point, List.of(),
                RestoreDestination.newLocation(lab.virtualizationHost(), lab.datastore().toString(), "db-restored"));
        JsonNode restore = admin.sessionToEnd(UUID.fromString(admin.post(ApiPaths.RESTORES, toNewVm).expect(202)
                .path("id").asText()));

        assertThat(state(restore)).as(() -> restore.toPrettyString() + lab.agentLogs()).isEqualTo("SUCCESS");
        Path restored = lab.datastore().resolve("db-restored");
        assertThat(QemuImages.identical(restored.resolve("db-system.qcow2"), lab.dbSystem())).as("vda, bit for bit")
                .isTrue();
        assertThat(QemuImages.identical(restored.resolve("db-data.qcow2"), lab.dbData())).as("vdb, bit for bit")
                .isTrue();

        assertThat(ThreeHostLab.exportFolders()).as("every export on kvm was stopped and its folder removed").isEmpty();
        assertThat(lab.kvmNamespace().processes()).as("no qemu-nbd left running on kvm")
                .doesNotContainValue("qemu-nbd");
        for (Path image : List.of(lab.web(), lab.dbSystem(), lab.dbData())) {
            assertThat(QemuImages.bitmaps(image)).as(image + ": the newest restore point's bitmap only")
                    .singleElement().asString().startsWith("bulwark-");
        }
    }

    private JsonNode run(UUID job) throws InterruptedException {
        return admin.sessionToEnd(UUID.fromString(admin.post(ApiPaths.jobAction(job, JobAction.START), null)
                .expect(202).path("id").asText()));
    }

    private static String state(JsonNode details) {
        return details.path("session").path("state").asText();
    }
}
