package io.bulwark.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VmReference;
import io.bulwark.protocol.jobs.JobObject;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A small site on three real hosts, set up through the API as an admin would, for the tests that
 * run jobs across it (through the API, or through the console): host {@code kvm} is a
 * virtualization host with two VMs and holds the encrypted backup repository; {@code proxy-a} and
 * {@code proxy-b} are backup proxies with 2 task slots each. Each is a real sshd in a network
 * namespace of its own, routed to the others through this machine, and one real engine deploys
 * them all. The proxies see none of kvm's folders, so they can only read kvm's disks in network
 * mode (TLS qemu-nbd exports the engine starts on kvm).
 *
 * <p>The VMs: {@code web} (one qcow2 disk, 5 MiB allocated) and {@code db} (vda 4 MiB and vdb
 * 6 MiB allocated, named by its libvirt domain XML): 15 MiB in all, which is what a first run reads.
 *
 * <p>Closing it stops the engine, the hosts and anything a failed run left in their namespaces,
 * then removes the namespaces.
 */
public final class ThreeHostLab implements AutoCloseable {
    public static final long MIB = 1024 * 1024;
    /** Each disk's allocated bytes, by the disk's name in a session: web's after its file, db's its targets. */
    public static final Map<String, Long> ALLOCATED = Map.of("web.qcow2", 5 * MIB, "vda", 4 * MIB, "vdb", 6 * MIB);
    public static final String REPOSITORY_PASSWORD = "a long repository password";
    private static final Duration ROLE_TIMEOUT = Duration.ofSeconds(180);

    private final List<HostNamespace> namespaces = new ArrayList<>();
    private final List<ManagedHost> hosts = new ArrayList<>();
    private final Map<String, UUID> servers = new LinkedHashMap<>();
    private EngineProcess engine;
    private TestApi admin;
    private Path datastore;
    private Path web;
    private Path dbSystem;
    private Path dbData;
    private UUID virtualizationHost;
    private UUID repository;
    private UUID proxyA;
    private UUID proxyB;

    private ThreeHostLab() {
    }

    /**
     * Starts the engine and the hosts, deploys the agents, makes the VMs, and adds kvm as the
     * virtualization host, the repository on it and the two proxies; returns once both roles are READY.
     *
     * @param temp            a folder of the caller's own; everything on "disk" goes under it
     * @param firstNamespace  the index of kvm's namespace; the proxies take the next two. Each test
     *                        class that uses a lab has indexes of its own, apart from the deployment
     *                        tests' 0–9, so that a namespace left by one never meets another's
     */
    public static ThreeHostLab start(Path temp, int firstNamespace) throws IOException {
        ThreeHostLab lab = new ThreeHostLab();
        try {
            lab.setUp(temp, firstNamespace);
            return lab;
        } catch (IOException | RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private void setUp(Path temp, int firstNamespace) throws IOException {
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
        UUID credential = ManagedHostFixture.addSudoCredential(admin);
        addHost(temp, firstNamespace, "kvm", credential);
        addHost(temp, firstNamespace + 1, "proxy-a", credential);
        addHost(temp, firstNamespace + 2, "proxy-b", credential);
        // The datastore is a folder of this machine, which kvm's sessions see; the proxies' would too
        // (namespaces share the file system), so the proxies are told which folders they see below.
        datastore = temp.resolve("datastore");
        Files.createDirectories(datastore);
        Files.setPosixFilePermissions(datastore, PosixFilePermissions.fromString("rwxr-xr-x"));

        // All three at once, as ParallelDeploymentTest shows the engine can: the slowest sets the pace.
        servers.values().forEach(server -> ManagedHostFixture.startDeployment(admin, server));
        servers.forEach((name, server) -> {
            JsonNode deployment = ManagedHostFixture.awaitDeployment(admin, server);
            assertThat(deployment.path("state").asText()).as(name + ": " + deployment.toPrettyString())
                    .isEqualTo("SUCCEEDED");
        });

        // What each disk has allocated is what a first run reads: see ALLOCATED.
        web = QemuImages.create(datastore.resolve("web").resolve("web.qcow2"), "qcow2", "64M");
        QemuImages.write(web, 0x41, "0", "5M");
        dbSystem = QemuImages.create(datastore.resolve("db").resolve("db-system.qcow2"), "qcow2", "64M");
        QemuImages.write(dbSystem, 0x42, "0", "3M");
        QemuImages.write(dbSystem, 0x43, "40M", "1M");
        dbData = QemuImages.create(datastore.resolve("db").resolve("db-data.qcow2"), "qcow2", "64M");
        QemuImages.write(dbData, 0x44, "8M", "6M");
        QemuImages.domainXml(datastore.resolve("db").resolve("db.xml"), "db", List.of(
                new String[] {"vda", dbSystem.toString()}, new String[] {"vdb", dbData.toString()}));

        virtualizationHost = UUID.fromString(admin.post(ApiPaths.VIRTUALIZATION_HOSTS, new VirtualizationHostRequest(
                kvmServer(), List.of(datastore.toString()), 0)).expect(201).path("id").asText());
        admin.post(ApiPaths.virtualizationHostRescan(virtualizationHost), null).expect(200);

        repository = UUID.fromString(admin.post(ApiPaths.REPOSITORIES, new RepositoryRequest("kvm repo", null,
                kvmServer(), temp.resolve("kvm-repository").toString(), 4,
                new EncryptionRequest(true, REPOSITORY_PASSWORD, "the usual one"))).expect(201).path("id").asText());
        // Each proxy "sees" only a folder of its own: without it, the shared file system of the
        // namespaces would let the installer find kvm's datastore on them and pick direct storage.
        proxyA = addProxy("proxy-a", temp.resolve("proxy-a-local"));
        proxyB = addProxy("proxy-b", temp.resolve("proxy-b-local"));
        awaitReady(ApiPaths.REPOSITORIES + "/" + repository);
        awaitReady(ApiPaths.PROXIES + "/" + proxyA);
        awaitReady(ApiPaths.PROXIES + "/" + proxyB);
    }

    private void addHost(Path temp, int index, String name, UUID credential) {
        HostNamespace namespace = HostNamespace.create(index);
        namespaces.add(namespace);
        // The proxies send to kvm's agent and read kvm's exports: the hosts must reach each other.
        namespace.routeToOtherTestHosts();
        ManagedHost host = ManagedHost.inNamespace(temp.resolve(name), namespace);
        hosts.add(host);
        servers.put(name, ManagedHostFixture.addServer(admin, name, host, credential, ServerPorts.DEFAULTS));
    }

    private UUID addProxy(String name, Path ownFolder) throws IOException {
        Files.createDirectories(ownFolder);
        return UUID.fromString(admin.post(ApiPaths.PROXIES, new ProxyRequest(name, null, servers.get(name),
                TransportMode.AUTOMATIC, false, true, new DatastoreSelection(false, List.of(ownFolder.toString())), 2))
                .expect(201).path("id").asText());
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

    public EngineProcess engine() {
        return engine;
    }

    /** The engine's first admin, logged in. */
    public TestApi admin() {
        return admin;
    }

    /** kvm's datastore: a VM is a folder in it. */
    public Path datastore() {
        return datastore;
    }

    /** web's only disk. */
    public Path web() {
        return web;
    }

    /** db's vda. */
    public Path dbSystem() {
        return dbSystem;
    }

    /** db's vdb. */
    public Path dbData() {
        return dbData;
    }

    /** The managed server kvm. */
    public UUID kvmServer() {
        return servers.get("kvm");
    }

    /** kvm as a virtualization host. */
    public UUID virtualizationHost() {
        return virtualizationHost;
    }

    /** The encrypted repository on kvm. */
    public UUID repository() {
        return repository;
    }

    public UUID proxyA() {
        return proxyA;
    }

    public UUID proxyB() {
        return proxyB;
    }

    /** kvm's network namespace: what runs on kvm. */
    public HostNamespace kvmNamespace() {
        return namespaces.getFirst();
    }

    /** A host's network namespace, by the host's name (kvm, proxy-a, proxy-b): what runs on it. */
    public HostNamespace namespace(String host) {
        return namespaces.get(List.copyOf(servers.keySet()).indexOf(host));
    }

    /** A job's object for one of kvm's VMs, by its folder's name, with every disk. */
    public JobObject vm(String name) {
        return new JobObject(new VmReference(virtualizationHost, datastore.resolve(name).toString()).toString(),
                List.of());
    }

    /** The end of each host's agent log, for a failed session's message: the agents say why a task failed. */
    public String agentLogs() {
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
    public static List<Path> exportFolders() throws IOException {
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

    /** Every disk task of a session's details, by the disk's name. */
    public static Map<String, JsonNode> tasks(JsonNode details) {
        Map<String, JsonNode> tasks = new HashMap<>();
        for (JsonNode vm : details.path("vms")) {
            for (JsonNode task : vm.path("tasks")) {
                tasks.put(task.path("disk").asText(), task);
            }
        }
        return tasks;
    }

    @Override
    public void close() {
        hosts.forEach(ManagedHost::close);
        if (engine != null) {
            engine.stop();
        }
        // After the hosts' sshds and agents: anything still in a namespace is what a failed run left.
        namespaces.forEach(namespace -> namespace.stopProcesses(Duration.ofSeconds(10)));
        namespaces.forEach(HostNamespace::close);
    }
}
