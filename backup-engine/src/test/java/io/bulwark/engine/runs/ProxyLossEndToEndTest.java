package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.Processes;
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
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A proxy host whose agent is killed in the middle of a task, on the three-host site of
 * {@link ThreeHostLab}: the engine finds the proxy gone at its next poll, moves the disk to the
 * other proxy, and the job ends backed up, the restore point whole.
 */
class ProxyLossEndToEndTest {
    private static final int BIG_MIB = 512;

    @TempDir
    Path temp;
    private ThreeHostLab lab;

    @BeforeEach
    void start() throws Exception {
        lab = ThreeHostLab.start(temp, 26);
    }

    @AfterEach
    void stop() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void theDiskOfAProxyWhoseAgentIsKilledMidTaskIsBackedUpByTheOtherProxy() throws Exception {
        TestApi admin = lab.admin();
        // Random bytes neither compress nor deduplicate: reading 512 MiB over TLS takes the seconds the kill needs.
        Path big = randomQcow2(lab.datastore().resolve("big").resolve("big.qcow2"));
        admin.post(ApiPaths.virtualizationHostRescan(lab.virtualizationHost()), null).expect(200);
        UUID job = UUID.fromString(admin.post(ApiPaths.JOBS, new JobRequest("Big", null, JobType.VM_BACKUP,
                lab.repository(), List.of(lab.vm("big")), null, null, new JobStorage(List.of(lab.proxyA(), lab.proxyB()),
                Compression.OPTIMAL, JobStorage.DEFAULT_BLOCK_SIZE, null), null, true)).expect(201).path("id").asText());
        UUID session = UUID.fromString(admin.post(ApiPaths.jobAction(job, JobAction.START), null).expect(202)
                .path("id").asText());

        String first = proxyReading(admin, session);
        String other = first.equals("proxy-a") ? "proxy-b" : "proxy-a";
        killAgent(first);
        JsonNode details = admin.sessionToEnd(session);

        assertThat(details.path("session").path("state").asText()).as(details + "\n" + lab.agentLogs())
                .isEqualTo("SUCCESS");
        JsonNode vm = details.path("vms").get(0);
        JsonNode task = vm.path("tasks").get(0);
        assertThat(task.path("proxyName").asText()).isEqualTo(other);
        assertThat(task.path("transportMode").asText()).isEqualTo("NETWORK");
        assertThat(vm.path("log").toString()).contains("the proxy " + first + " stopped answering");
        JsonNode point = admin.get(ApiPaths.RESTORE_POINTS + "?jobId=" + job).expect(200).get(0);
        JsonNode restore = admin.sessionToEnd(UUID.fromString(admin.post(ApiPaths.RESTORES, new RestoreRequest(
                UUID.fromString(point.path("id").asText()), List.of(), RestoreDestination.newLocation(
                        lab.virtualizationHost(), lab.datastore().toString(), "big-restored"))).expect(202)
                .path("id").asText()));
        assertThat(restore.path("session").path("state").asText()).as(restore.toString()).isEqualTo("SUCCESS");
        assertThat(QemuImages.identical(lab.datastore().resolve("big-restored").resolve("big.qcow2"), big)).isTrue();
        assertThat(QemuImages.bitmaps(big)).as("the lost placement's bitmap went with it").hasSize(1);
    }

    /** Waits until a proxy has read part of the disk, and answers its name. */
    private static String proxyReading(TestApi admin, UUID session) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            JsonNode details = admin.get(ApiPaths.sessionDetails(session)).expect(200);
            JsonNode task = details.path("vms").path(0).path("tasks").path(0);
            assertThat(details.path("session").path("state").asText()).as("still running: " + details)
                    .isEqualTo("RUNNING");
            if (task.path("doneBytes").asLong() > 0 && task.path("doneBytes").asLong() < (long) BIG_MIB << 20) {
                return task.path("proxyName").asText();
            }
            assertThat(Instant.now()).as("a proxy starts reading: " + details).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** SIGKILL to the agent in the proxy host's namespace, as a host that loses its agent would see it. */
    private void killAgent(String host) throws Exception {
        int killed = 0;
        for (Map.Entry<Long, String> process : lab.namespace(host).processes().entrySet()) {
            Path cmdline = Path.of("/proc", process.getKey().toString(), "cmdline");
            String command = Files.exists(cmdline) ? Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ')
                    : "";
            if (command.contains("bulwark") && command.contains(" agent run")) {
                Processes.run("kill", "-KILL", process.getKey().toString());
                killed++;
            }
        }
        assertThat(killed).as("the agent of " + host + " was found and killed").isPositive();
    }

    private Path randomQcow2(Path image) throws Exception {
        Files.createDirectories(image.getParent());
        Path raw = temp.resolve("big.raw");
        byte[] chunk = new byte[1 << 20];
        Random random = new Random(7);
        try (OutputStream out = Files.newOutputStream(raw)) {
            for (int i = 0; i < BIG_MIB; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        Processes.run("qemu-img", "convert", "-f", "raw", "-O", "qcow2", raw.toString(), image.toString());
        Files.delete(raw);
        return image;
    }
}
