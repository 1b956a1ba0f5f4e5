package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.TransportMode;
import java.io.IOException;
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
 * Network mode on a real engine: the built-in proxy, set to network mode, reads the backup
 * server's own VM through a read-only qemu-nbd export the engine starts for each task (TLS with a
 * certificate from the engine's CA, the dirty bitmaps handled on the host), and a failed primary
 * mode fails over to network mode and says so.
 */
class NetworkModeApiTest {
    private static final long MIB = 1024 * 1024;

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
    void aTlsExportOnTheHostIsReadWholeThenOnlyThroughItsBitmap() throws Exception {
        setBuiltInProxy(TransportMode.NETWORK, false, true);
        Path web = QemuImages.create(datastore.resolve("web").resolve("web.qcow2"), "qcow2", "32M");
        QemuImages.write(web, 0x41, "0", "4M");
        UUID job = job(web);

        JsonNode first = run(job);

        assertThat(state(first)).as(first.toString()).isEqualTo("SUCCESS");
        JsonNode task = first.path("vms").get(0).path("tasks").get(0);
        assertThat(task.path("transportMode").asText()).isEqualTo("NETWORK");
        assertThat(task.path("readBytes").asLong()).isEqualTo(4 * MIB);
        assertThat(first.path("vms").get(0).path("log").toString()).contains("over TLS")
                .contains("Reading the NBD export nbds://");

        QemuImages.write(web, 0x42, "16M", "1M");
        JsonNode second = run(job);

        assertThat(state(second)).as(second.toString()).isEqualTo("SUCCESS");
        assertThat(second.path("vms").get(0).path("tasks").get(0).path("readBytes").asLong())
                .as("only what the bitmap exported with the image marks").isEqualTo(MIB);
        assertThat(QemuImages.bitmaps(web)).as("the new bitmap stays, the old one went").hasSize(1);
        assertThat(exportFolders()).as("every export was stopped and its folder removed").isEmpty();
    }

    @Test
    void aFailedPrimaryModeFailsOverToNetworkModeAndSaysSo() throws Exception {
        setBuiltInProxy(TransportMode.VIRTUAL_APPLIANCE, true, false);
        Path app = QemuImages.create(datastore.resolve("app").resolve("app.qcow2"), "qcow2", "16M", "bulwark-older");
        QemuImages.write(app, 0x43, "0", "1M");
        UUID job = job(app);
        // The VM starts after the scan: the inventory still says it is off, but its image is locked.
        try (AutoCloseable running = QemuImages.running(app, "qcow2")) {
            JsonNode details = run(job);

            assertThat(state(details)).as(details.toString()).isEqualTo("FAILED");
            JsonNode vm = details.path("vms").get(0);
            assertThat(vm.path("log").toString()).contains("Virtual appliance mode failed")
                    .contains("failing over to network mode");
            assertThat(vm.path("tasks").get(0).path("transportMode").asText()).isEqualTo("NETWORK");
            assertThat(vm.path("message").asText()).startsWith("Network mode");
        }
        assertThat(QemuImages.bitmaps(app)).as("neither attempt left a bitmap behind").containsExactly("bulwark-older");
        assertThat(exportFolders()).isEmpty();
    }

    private List<Path> exportFolders() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("/tmp"))) {
            return folders.filter(f -> f.getFileName().toString().startsWith("bulwark-export-")).toList();
        }
    }

    private void setBuiltInProxy(TransportMode mode, boolean failover, boolean encrypt) {
        UUID proxy = admin.builtIn(ApiPaths.PROXIES);
        JsonNode current = ok(admin.get(ApiPaths.PROXIES + "/" + proxy), 200);
        ok(admin.put(ApiPaths.PROXIES + "/" + proxy, new ProxyRequest(current.path("name").asText(), null,
                UUID.fromString(current.path("serverId").asText()), mode, failover, encrypt, DatastoreSelection.AUTOMATIC,
                2)), 200);
    }

    private UUID job(Path image) {
        ok(admin.post(ApiPaths.virtualizationHostRescan(host), null), 200);
        JobRequest request = new JobRequest("Job " + image.getFileName(), null, JobType.VM_BACKUP,
                admin.builtIn(ApiPaths.REPOSITORIES), List.of(new JobObject(new VmReference(host,
                        image.getParent().toString()).toString(), List.of())), null, null, null, null, true);
        return UUID.fromString(ok(admin.post(ApiPaths.JOBS, request), 201).path("id").asText());
    }

    private JsonNode run(UUID job) throws InterruptedException {
        UUID session = UUID.fromString(ok(admin.post(ApiPaths.jobAction(job, JobAction.START), null), 202)
                .path("id").asText());
        return admin.sessionToEnd(session);
    }

    private static String state(JsonNode details) {
        return details.path("session").path("state").asText();
    }


    private static JsonNode ok(Response response, int status) {
        return response.expect(status);
    }
}
