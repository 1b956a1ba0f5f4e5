package io.bulwark.engine.inventory;

import io.bulwark.engine.testing.QemuImages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.ManagedHostFixture;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.engine.testing.TestApi.Response;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.ApiJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory through the REST API of a real engine: a managed host scanned over SSH (a real
 * sshd whose filesystem is this machine's, so the datastores are folders of this test), and the
 * backup server itself scanned locally. The images are real, made with qemu-img.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryScanTest {
    private static final long MIB = 1024 * 1024;

    private ManagedHostFixture fixture;
    private TestApi admin;
    private Path store;
    private Path missing;
    private Path webQcow2;
    private UUID hostId;

    @BeforeAll
    void start(@TempDir Path temp) throws Exception {
        store = temp.resolve("kvm store");
        missing = temp.resolve("not mounted");
        Path web = store.resolve("web 01");
        webQcow2 = QemuImages.create(web.resolve("system disk.qcow2"), "qcow2", "64M", "b1");
        Path data = QemuImages.create(web.resolve("data.raw"), "raw", "32M");
        QemuImages.domainXml(web.resolve("web.xml"), "web server",
                List.of(new String[] {"vda", webQcow2.toString()}, new String[] {"vdb", data.toString()}));
        QemuImages.create(store.resolve("db").resolve("db.img"), "raw", "16M");
        fixture = ManagedHostFixture.start(temp);
        admin = fixture.admin();
    }

    @AfterAll
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Order(1)
    void aManagedServerBecomesAVirtualizationHostAndItsVmsAreFoundOverSsh() {
        Response created = admin.post(ApiPaths.VIRTUALIZATION_HOSTS, new VirtualizationHostRequest(fixture.serverId(),
                List.of(store.toString(), missing.toString()), null));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        hostId = UUID.fromString(created.json().path("id").asText());
        assertThat(created.json().path("rescanMinutes").asInt()).isEqualTo(60);
        assertThat(created.json().path("name").asText()).isEqualTo("kvm01");

        JsonNode scanned = ok(admin.post(ApiPaths.virtualizationHostRescan(hostId), null));

        assertThat(scanned.path("hostId").asText()).isEqualTo(hostId.toString());
        assertThat(scanned.path("serverId").asText()).isEqualTo(fixture.serverId().toString());
        assertThat(scanned.path("scannedAt").isTextual()).isTrue();
        JsonNode inventory = hostIn(ok(admin.get(ApiPaths.INVENTORY)));
        assertThat(inventory).isEqualTo(scanned);
        JsonNode datastores = inventory.path("datastores");
        assertThat(datastores).hasSize(2);
        JsonNode kvmStore = datastores.get(0);
        assertThat(kvmStore.path("path").asText()).isEqualTo(store.toString());
        assertThat(kvmStore.path("reachable").asBoolean()).isTrue();
        assertThat(kvmStore.path("freeBytes").asLong()).isPositive();
        assertThat(names(kvmStore.path("vms"))).containsExactly("db", "web server");

        JsonNode web = kvmStore.path("vms").get(1);
        assertThat(web.path("reference").asText())
                .isEqualTo(new VmReference(hostId, store.resolve("web 01").toString()).toString());
        assertThat(web.path("power").asText()).isEqualTo("STOPPED");
        assertThat(names(web.path("disks"))).containsExactly("vda", "vdb");
        JsonNode vda = web.path("disks").get(0);
        assertThat(vda.path("path").asText()).isEqualTo(webQcow2.toString());
        assertThat(vda.path("format").asText()).isEqualTo("QCOW2");
        assertThat(vda.path("capacityBytes").asLong()).isEqualTo(64 * MIB);
        assertThat(vda.path("allocatedBytes").asLong()).isPositive();
        assertThat(vda.path("bitmaps")).extracting(JsonNode::asText).containsExactly("b1");
        JsonNode vdb = web.path("disks").get(1);
        assertThat(vdb.path("format").asText()).isEqualTo("RAW");
        assertThat(vdb.path("capacityBytes").asLong()).isEqualTo(32 * MIB);
        JsonNode db = kvmStore.path("vms").get(0);
        assertThat(names(db.path("disks"))).containsExactly("db.img");

        JsonNode notMounted = datastores.get(1);
        assertThat(notMounted.path("reachable").asBoolean()).isFalse();
        assertThat(notMounted.path("message").asText()).contains(missing.toString()).contains("does not exist");

        // The rescan schedule may scan the new host too, at the same time: wait for whichever ends last.
        JsonNode host = settled(hostId);
        assertThat(host.path("scanState").asText()).isEqualTo("WARNING");
        assertThat(host.path("scanMessage").asText()).contains(missing.toString());
        assertThat(host.path("vmCount").asInt()).isEqualTo(2);
    }

    /** The host once no scan of it is running, within half a minute. */
    private JsonNode settled(UUID id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode host = ok(admin.get(ApiPaths.VIRTUALIZATION_HOSTS + "/" + id));
        while (host.path("scanState").asText().equals("SCANNING")) {
            assertThat(System.nanoTime()).as("the scan of the host ends within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            host = ok(admin.get(ApiPaths.VIRTUALIZATION_HOSTS + "/" + id));
        }
        return host;
    }

    @Test
    @Order(2)
    void aRunningVmIsShownRunning() throws Exception {
        try (AutoCloseable running = QemuImages.running(webQcow2, "qcow2")) {
            JsonNode web = vm(ok(admin.post(ApiPaths.virtualizationHostRescan(hostId), null)), "web server");
            assertThat(web.path("power").asText()).isEqualTo("RUNNING");
            assertThat(web.path("disks").get(0).path("bitmaps")).extracting(JsonNode::asText).containsExactly("b1");
        }
        JsonNode web = vm(ok(admin.post(ApiPaths.virtualizationHostRescan(hostId), null)), "web server");
        assertThat(web.path("power").asText()).isEqualTo("STOPPED");
    }

    @Test
    @Order(3)
    void aDeletedVmFolderLeavesTheInventoryAtTheNextScanAndConsolesHearOfIt() throws Exception {
        deleteTree(store.resolve("db"));
        HttpResponse<InputStream> stream = admin.events();
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            JsonNode scanned = ok(admin.post(ApiPaths.virtualizationHostRescan(hostId), null));

            assertThat(names(scanned.path("datastores").get(0).path("vms"))).containsExactly("web server");
            assertThat(ok(admin.get(ApiPaths.VIRTUALIZATION_HOSTS + "/" + hostId)).path("vmCount").asInt())
                    .isEqualTo(1);
            // The console's live view reads the inventory again when its host changes.
            JsonNode change = CompletableFuture.supplyAsync(() -> hostChange(events)).get(20, TimeUnit.SECONDS);
            assertThat(change.path("action").asText()).isEqualTo("UPDATED");
            assertThat(change.path("actor").asText()).isEqualTo("engine");
        }
    }

    private JsonNode hostChange(BufferedReader events) {
        try {
            for (String line = events.readLine(); line != null; line = events.readLine()) {
                if (line.startsWith("data:") && line.contains("virtualization-hosts") && line.contains(hostId.toString())) {
                    return ApiJson.mapper().readTree(line.substring(5).strip());
                }
            }
            throw new AssertionError("The event stream ended before the host's change");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(4)
    void theServerCannotBeRemovedWhileItIsAVirtualizationHost() {
        Response removed = admin.delete(fixture.serverPath());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(409);
        assertThat(removed.json().path("message").asText()).contains("is a virtualization host");
    }

    @Test
    @Order(5)
    void theBackupServerItselfIsScannedLocallyWithoutSsh(@TempDir Path local) throws Exception {
        QemuImages.create(local.resolve("app").resolve("app.qcow2"), "qcow2", "8M");
        UUID thisServer = builtInServerId();

        Response created = admin.post(ApiPaths.VIRTUALIZATION_HOSTS,
                new VirtualizationHostRequest(thisServer, List.of(local.toString()), 0));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        UUID localHost = UUID.fromString(created.json().path("id").asText());

        JsonNode scanned = ok(admin.post(ApiPaths.virtualizationHostRescan(localHost), null));

        JsonNode app = scanned.path("datastores").get(0).path("vms").get(0);
        assertThat(app.path("name").asText()).isEqualTo("app");
        assertThat(app.path("disks").get(0).path("capacityBytes").asLong()).isEqualTo(8 * MIB);
        assertThat(ok(admin.get(ApiPaths.VIRTUALIZATION_HOSTS + "/" + localHost)).path("scanState").asText())
                .isEqualTo("OK");
        assertThat(admin.delete(ApiPaths.VIRTUALIZATION_HOSTS + "/" + localHost).status()).isEqualTo(204);
        assertThat(ok(admin.get(ApiPaths.INVENTORY))).noneMatch(h -> h.path("hostId").asText()
                .equals(localHost.toString()));
    }

    @Test
    @Order(6)
    void anUnreachableHostFailsTheScanAndKeepsTheLastInventory() {
        fixture.host().ssh().stop();

        Response rescan = admin.post(ApiPaths.virtualizationHostRescan(hostId), null);

        assertThat(rescan.status()).as(rescan.toString()).isEqualTo(502);
        assertThat(rescan.json().path("fields").path("problem").asText()).isEqualTo("REFUSED");
        JsonNode host = ok(admin.get(ApiPaths.VIRTUALIZATION_HOSTS + "/" + hostId));
        assertThat(host.path("scanState").asText()).isEqualTo("FAILED");
        assertThat(host.path("scanMessage").asText()).isEqualTo(rescan.json().path("message").asText());
        assertThat(names(hostIn(ok(admin.get(ApiPaths.INVENTORY))).path("datastores").get(0).path("vms")))
                .containsExactly("web server");
    }

    private UUID builtInServerId() {
        for (JsonNode server : ok(admin.get(ApiPaths.SERVERS))) {
            if (server.path("builtIn").asBoolean()) {
                return UUID.fromString(server.path("id").asText());
            }
        }
        throw new AssertionError("no built-in server");
    }

    private JsonNode hostIn(JsonNode inventory) {
        for (JsonNode host : inventory) {
            if (host.path("hostId").asText().equals(hostId.toString())) {
                return host;
            }
        }
        throw new AssertionError("host " + hostId + " is not in the inventory: " + inventory);
    }

    private static JsonNode vm(JsonNode host, String name) {
        for (JsonNode vm : host.path("datastores").get(0).path("vms")) {
            if (vm.path("name").asText().equals(name)) {
                return vm;
            }
        }
        throw new AssertionError("no VM " + name + " in " + host);
    }

    private static List<String> names(JsonNode nodes) {
        List<String> names = new ArrayList<>();
        nodes.forEach(n -> names.add(n.path("name").asText()));
        return names;
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static void deleteTree(Path root) throws Exception {
        try (var files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
