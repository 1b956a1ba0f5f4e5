package io.bulwark.engine.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.HostNamespace;
import io.bulwark.engine.testing.ManagedHost;
import io.bulwark.engine.testing.ManagedHostFixture;
import io.bulwark.engine.testing.QemuImages;
import io.bulwark.engine.testing.TestAccounts;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.backups.RestoreDestination;
import io.bulwark.protocol.backups.RestoreRequest;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.Compression;
import io.bulwark.protocol.jobs.JobAction;
import io.bulwark.protocol.jobs.JobObject;
import io.bulwark.protocol.jobs.JobRequest;
import io.bulwark.protocol.jobs.JobStorage;
import io.bulwark.protocol.jobs.JobType;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.repositories.EncryptionRequest;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.servers.ServerPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup job from end to end on three real hosts, through the API only, as an admin sets up a
 * small site: host kvm holds the VMs and the backup repository, hosts proxy-a and proxy-b are
 * backup proxies. Each is a real sshd in a network namespace of its own, deployed by one real
 * engine. The proxies see none of kvm's folders, so they read in network mode: for every disk the
 * engine starts a read-only TLS qemu-nbd export on kvm, the proxy's agent reads it and sends the
 * blocks over TLS to kvm's agent, which stores them in the repository. Then the incremental run
 * reads only what the bitmaps mark, and the restore brings the VM back bit for bit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndJobTest {
    private static final long MIB = 1024 * 1024;
    /** Namespaces of their own, apart from the ones the deployment tests use (0–9). */
    private static final int KVM = 20;
    private static final int PROXY_A = 21;
    private static final int PROXY_B = 22;
    private static final Duration ROLE_TIMEOUT = Duration.ofSeconds(180);

    private final List<HostNamespace> namespaces = new ArrayList<>();
    private final List<ManagedHost> hosts = new ArrayList<>();
    private EngineProcess engine;
    private TestApi admin;
    private Path datastore;
    private UUID kvm;
    private UUID proxyAServer;
    private UUID proxyBServer;

    @BeforeAll
    void start(@TempDir Path temp) throws IOException {
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        UUID credential = ManagedHostFixture.addSudoCredential(admin);
        kvm = addHost(temp, KVM, "kvm", credential); // namespaces.get(0)
        proxyAServer = addHost(temp, PROXY_A, "proxy-a", credential);
        proxyBServer = addHost(temp, PROXY_B, "proxy-b", credential);
        // The datastore is a folder of this machine, which kvm's sessions see; the proxies' would too
        // (namespaces share the file system), so the proxies are told which folders they see below.
        datastore = temp.resolve("datastore");
        Files.createDirectories(datastore);
        Files.setPosixFilePermissions(datastore, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private UUID addHost(Path temp, int index, String name, UUID credential) {
        HostNamespace namespace = HostNamespace.create(index);
        namespaces.add(namespace);
        // The proxies send to kvm's agent and read kvm's exports: the hosts must reach each other.
        namespace.routeToOtherTestHosts();
        ManagedHost host = ManagedHost.inNamespace(temp.resolve(name), namespace);
        hosts.add(host);
        return ManagedHostFixture.addServer(admin, name, host, credential, ServerPorts.DEFAULTS);
    }

    @AfterAll
    void stop() {
        hosts.forEach(ManagedHost::close);
        if (engine != null) {
            engine.stop();
        }
        // After the hosts' sshds and agents: anything still in a namespace is what a failed run left.
        namespaces.forEach(namespace -> namespace.stopProcesses(Duration.ofSeconds(10)));
        namespaces.forEach(HostNamespace::close);
    }

    @Test
    void twoRemoteProxiesBackUpKvmsVmsInNetworkModeToKvmsRepositoryAndTheVmIsRestored(@TempDir Path temp)
            throws Exception {
        for (UUID server : List.of(kvm, proxyAServer, proxyBServer)) {
            ManagedHostFixture.startDeployment(admin, server);
        }
        for (UUID server : List.of(kvm, proxyAServer, proxyBServer)) {
            JsonNode deployment = ManagedHostFixture.awaitDeployment(admin, server);
            assertThat(deployment.path("state").asText()).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
        }

        // Two VMs on kvm, one with two disks: what each disk has allocated is what a first run reads.
        Path web = QemuImages.create(datastore.resolve("web").resolve("web.qcow2"), "qcow2", "64M");
        QemuImages.write(web, 0x41, "0", "5M");
        Path dbSystem = QemuImages.create(datastore.resolve("db").resolve("db-system.qcow2"), "qcow2", "64M");
        QemuImages.write(dbSystem, 0x42, "0", "3M");
        QemuImages.write(dbSystem, 0x43, "40M", "1M");
        Path dbData = QemuImages.create(datastore.resolve("db").resolve("db-data.qcow2"), "qcow2", "64M");
        QemuImages.write(dbData, 0x44, "8M", "6M");
        QemuImages.domainXml(datastore.resolve("db").resolve("db.xml"), "db", List.of(
                new String[] {"vda", dbSystem.toString()}, new String[] {"vdb", dbData.toString()}));
        // By disk: web's is named after its file, db's after the targets its domain XML gives them.
        Map<String, Long> allocated = Map.of("web.qcow2", 5 * MIB, "vda", 4 * MIB, "vdb", 6 * MIB);

        UUID host = UUID.fromString(admin.post(ApiPaths.VIRTUALIZATION_HOSTS, new VirtualizationHostRequest(kvm,
                List.of(datastore.toString()), 0)).expect(201).path("id").asText());
        admin.post(ApiPaths.virtualizationHostRescan(host), null).expect(200);

        UUID repository = UUID.fromString(admin.post(ApiPaths.REPOSITORIES, new RepositoryRequest("kvm repo", null,
                kvm, temp.resolve("kvm-repository").toString(), 4,
                new EncryptionRequest(true, "a long repository password", "the usual one"))).expect(201)
                .path("id").asText());
        // Each proxy "sees" only a folder of its own: without it, the shared file system of the
        // namespaces would let the installer find kvm's datastore on them and pick direct storage.
        UUID proxyA = addProxy("proxy-a", proxyAServer, temp.resolve("proxy-a-local"));
        UUID proxyB = addProxy("proxy-b", proxyBServer, temp.resolve("proxy-b-local"));
        awaitReady(ApiPaths.REPOSITORIES + "/" + repository);
        awaitReady(ApiPaths.PROXIES + "/" + proxyA);
        awaitReady(ApiPaths.PROXIES + "/" + proxyB);

        UUID job = UUID.fromString(admin.post(ApiPaths.JOBS, new JobRequest("Nightly kvm", null, JobType.VM_BACKUP,
                repository, List.of(object(host, "web"), object(host, "db")), null, null,
                new JobStorage(List.of(proxyA, proxyB), Compression.OPTIMAL, JobStorage.DEFAULT_BLOCK_SIZE, null),
                true)).expect(201).path("id").asText());

        JsonNode first = run(job);

        assertThat(state(first)).as(() -> first.toPrettyString() + agentLogs()).isEqualTo("SUCCESS");
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

        QemuImages.write(dbData, 0x45, "32M", "1M");
        JsonNode second = run(job);

        assertThat(state(second)).as(() -> second.toPrettyString() + agentLogs()).isEqualTo("SUCCESS");
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
                RestoreDestination.newLocation(host, datastore.toString(), "db-restored"));
        JsonNode restore = admin.sessionToEnd(UUID.fromString(admin.post(ApiPaths.RESTORES, toNewVm).expect(202)
                .path("id").asText()));

        assertThat(state(restore)).as(() -> restore.toPrettyString() + agentLogs()).isEqualTo("SUCCESS");
        Path restored = datastore.resolve("db-restored");
        assertThat(QemuImages.identical(restored.resolve("db-system.qcow2"), dbSystem)).as("vda, bit for bit").isTrue();
        assertThat(QemuImages.identical(restored.resolve("db-data.qcow2"), dbData)).as("vdb, bit for bit").isTrue();

        assertThat(exportFolders()).as("every export on kvm was stopped and its folder removed").isEmpty();
        assertThat(namespaces.get(0).processes()).as("no qemu-nbd left running on kvm")
                .doesNotContainValue("qemu-nbd");
        for (Path image : List.of(web, dbSystem, dbData)) {
            assertThat(QemuImages.bitmaps(image)).as(image + ": the newest restore point's bitmap only")
                    .singleElement().asString().startsWith("bulwark-");
        }
    }

    private UUID addProxy(String name, UUID server, Path ownFolder) throws IOException {
        Files.createDirectories(ownFolder);
        return UUID.fromString(admin.post(ApiPaths.PROXIES, new ProxyRequest(name, null, server,
                TransportMode.AUTOMATIC, false, true, new DatastoreSelection(false, List.of(ownFolder.toString())), 2))
                .expect(201).path("id").asText());
    }

    private JobObject object(UUID host, String vm) {
        return new JobObject(new VmReference(host, datastore.resolve(vm).toString()).toString(), List.of());
    }

    private void awaitReady(String path) {
        Instant deadline = Instant.now().plus(ROLE_TIMEOUT);
        while (true) {
            JsonNode role = admin.get(path).expect(200);
            String state = role.path("status").path("state").asText();
            if (state.equals("READY")) {
                return;
            }
            assertThat(state).as(path + " failed: " + role.toPrettyString()).isNotEqualTo("FAILED");
            assertThat(Instant.now()).as(path + " is ready within " + ROLE_TIMEOUT + ": " + role.toPrettyString())
                    .isBefore(deadline);
            ManagedHostFixture.pause();
        }
    }

    private JsonNode run(UUID job) throws InterruptedException {
        return admin.sessionToEnd(UUID.fromString(admin.post(ApiPaths.jobAction(job, JobAction.START), null)
                .expect(202).path("id").asText()));
    }

    /** Every disk task of a session, by the disk's file name. */
    private static Map<String, JsonNode> tasks(JsonNode details) {
        Map<String, JsonNode> tasks = new HashMap<>();
        for (JsonNode vm : details.path("vms")) {
            for (JsonNode task : vm.path("tasks")) {
                tasks.put(task.path("disk").asText(), task);
            }
        }
        return tasks;
    }

    /** The end of each host's agent log, for a failed session's message: the agents say why a task failed. */
    private String agentLogs() {
        StringBuilder logs = new StringBuilder();
        for (ManagedHost host : hosts) {
            Path log = host.installRoot().resolve("var/log/bulwark/agent.log");
            try {
                List<String> lines = Files.readAllLines(log);
                logs.append("\n--- agent log of ").append(host.address()).append(" (last 40 lines) ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
            } catch (IOException e) {
                logs.append("\n--- no agent log at ").append(log).append(": ").append(e.getMessage());
            }
        }
        return logs.toString();
    }

    /**
     * The export folders the engine made on kvm. qemu-nbd runs in kvm's network namespace but on
     * this machine's file system, so they show in this /tmp, beside those of tests elsewhere on the
     * machine that export from the backup server itself (owned by root): over SSH the engine gives
     * the folder to its login, the sudo account.
     */
    private static List<Path> exportFolders() throws IOException {
        try (Stream<Path> folders = Files.list(Path.of("/tmp"))) {
            return folders.filter(f -> f.getFileName().toString().startsWith("bulwark-export-"))
                    .filter(f -> owner(f).equals(TestAccounts.SUDO_WITH_PASSWORD)).toList();
        }
    }

    private static String owner(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException gone) {
            return "";
        }
    }

    private static String state(JsonNode details) {
        return details.path("session").path("state").asText();
    }

}
