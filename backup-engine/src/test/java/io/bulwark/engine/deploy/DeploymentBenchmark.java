package io.bulwark.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.HostNamespace;
import io.bulwark.engine.testing.ManagedHost;
import io.bulwark.engine.testing.ManagedHostFixture;
import io.bulwark.engine.testing.Processes;
import io.bulwark.engine.testing.TestAccounts;
import io.bulwark.engine.testing.TestApi;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.servers.ServerPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment benchmark: how long the engine takes to make a host a backup proxy, measured as an
 * admin sees it, from Apply (the proxy's POST) to the proxy's READY state, through a real engine to
 * real sshd hosts. Beside it, OpenSSH copying the same bundle to the same hosts ({@code tar | ssh}),
 * the floor that any push installer stands on.
 *
 * <p>Not part of the test suite (its name does not end in Test); {@code ./bulwark bench-deploy}
 * runs it and prints {@value #REPORT}. It checks that every deployment succeeded, never how fast.
 */
class DeploymentBenchmark {
    static final String REPORT = "target/deployment-benchmark.txt";
    private static final int ROUNDS = 3;
    private static final int REDEPLOYS = 5;
    private static final int HOSTS = 10;
    private static final Duration POLL = Duration.ofMillis(20);

    private final Path bundle = Path.of("..", "installer", "target", "agent-bundle").toAbsolutePath().normalize();
    private EngineProcess engine;
    private TestApi admin;
    private UUID credential;
    private Path peerKey;

    @Test
    void measure(@TempDir Path temp) throws Exception {
        engine = EngineProcess.start(temp.resolve("data"), Map.of());
        try {
            admin = TestApi.of(engine).login("admin", engine.initialAdminPassword());
            credential = ManagedHostFixture.addSudoCredential(admin);
            peerKey = temp.resolve("peer-key");
            Processes.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", peerKey.toString());

            List<Double> fresh = new ArrayList<>();
            List<Double> redeploy = new ArrayList<>();
            List<Double> peerOne = new ArrayList<>();
            String freshSteps = "";
            String redeploySteps = "";
            for (int round = 0; round < ROUNDS; round++) {
                try (ManagedHost host = ManagedHost.onLoopback(temp.resolve("loopback-" + round))) {
                    peerOne.add(peerCopy(host, "round-" + round));
                    UUID server = addServer("loopback-" + round, host, ServerPorts.DEFAULTS);
                    fresh.add(proxyToReady(server));
                    freshSteps = steps(server);
                    for (int again = 0; again < REDEPLOYS; again++) {
                        redeploy.add(redeploy(server));
                    }
                    redeploySteps = steps(server);
                    remove(server);
                }
            }

            double oneInNamespace;
            double tenInNamespaces;
            double peerTen;
            CpuUse tenCpu;
            List<HostNamespace> namespaces = new ArrayList<>();
            List<ManagedHost> hosts = new ArrayList<>();
            try {
                for (int index = 0; index < HOSTS; index++) {
                    namespaces.add(HostNamespace.create(index));
                    hosts.add(ManagedHost.inNamespace(temp.resolve("ns-" + index), namespaces.get(index)));
                }
                oneInNamespace = proxyToReady(addServer("ns-single", hosts.get(0), ServerPorts.DEFAULTS));
                remove(serverNamed("ns-single"));
                hosts.get(0).removeAgent();
                peerTen = inParallel(hosts, host -> peerCopy(host, "parallel"));
                List<UUID> servers = new ArrayList<>();
                for (int index = 0; index < HOSTS; index++) {
                    servers.add(addServer("ns-" + index, hosts.get(index), ServerPorts.DEFAULTS));
                }
                CpuSample before = CpuSample.now(engine.pid());
                tenInNamespaces = proxiesToReady(servers);
                tenCpu = CpuSample.now(engine.pid()).since(before);
            } finally {
                hosts.forEach(ManagedHost::close);
                namespaces.forEach(HostNamespace::close);
            }

            String report = report(fresh, redeploy, peerOne, oneInNamespace, tenInNamespaces, peerTen, tenCpu)
                    + "\nWhere the time goes, by the engine's deployment log (the last fresh deployment, then the last redeploy):\n"
                    + freshSteps + redeploySteps;
            Files.writeString(Path.of(REPORT), report, StandardCharsets.UTF_8);
            System.out.print(report);
        } finally {
            engine.stop();
        }
    }

    private UUID addServer(String name, ManagedHost host, ServerPorts ports) {
        return ManagedHostFixture.addServer(admin, name, host, credential, ports);
    }

    private UUID serverNamed(String name) {
        for (JsonNode server : admin.get(ApiPaths.SERVERS).json()) {
            if (server.path("name").asText().equals(name)) {
                return UUID.fromString(server.path("id").asText());
            }
        }
        throw new AssertionError("No server named " + name);
    }

    /** Seconds from the proxy's POST, which starts the deployment, to the proxy reading READY. */
    private double proxyToReady(UUID server) {
        return proxiesToReady(List.of(server));
    }

    private double proxiesToReady(List<UUID> servers) {
        long start = System.nanoTime();
        List<String> proxies = new ArrayList<>();
        for (UUID server : servers) {
            proxies.add(ManagedHostFixture.created(admin.post(ApiPaths.PROXIES,
                    new ProxyRequest(null, null, server, null, null, null, null, null))));
        }
        for (int index = 0; index < proxies.size(); index++) {
            awaitReady(ApiPaths.PROXIES + "/" + proxies.get(index), servers.get(index));
        }
        double seconds = seconds(System.nanoTime() - start);
        // The proxy reads READY once the agent answers; the deployment then logs its end.
        servers.forEach(server -> ManagedHostFixture.awaitDeployment(admin, server));
        return seconds;
    }

    private void awaitReady(String proxyPath, UUID server) {
        long deadline = System.nanoTime() + ManagedHostFixture.DEPLOY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String state = admin.get(proxyPath).json().path("status").path("state").asText();
            if (state.equals("READY")) {
                return;
            }
            if (state.equals("FAILED")) {
                throw new AssertionError("The deployment failed: "
                        + admin.get(ApiPaths.SERVERS + "/" + server + "/deployment").body());
            }
            sleep(POLL);
        }
        throw new AssertionError(proxyPath + " was not ready within " + ManagedHostFixture.DEPLOY_TIMEOUT);
    }

    /** Seconds for a deployment to an up-to-date host: the Rescan-and-repair an admin runs any time. */
    private double redeploy(UUID server) {
        long start = System.nanoTime();
        ManagedHostFixture.startDeployment(admin, server);
        String path = ApiPaths.SERVERS + "/" + server + "/deployment";
        while (true) {
            JsonNode deployment = admin.get(path).json();
            String state = deployment.path("state").asText();
            if (!state.equals("RUNNING")) {
                assertThat(state).as(deployment.toPrettyString()).isEqualTo("SUCCEEDED");
                assertThat(deployment.path("uploadedBytes").asLong()).isZero();
                return seconds(System.nanoTime() - start);
            }
            sleep(POLL);
        }
    }

    /** Each step's share of the latest deployment to a server, from the times in its log. */
    private String steps(UUID server) {
        JsonNode deployment = admin.get(ApiPaths.SERVERS + "/" + server + "/deployment").json();
        java.util.LinkedHashMap<String, java.time.Instant> firstLine = new java.util.LinkedHashMap<>();
        for (JsonNode line : deployment.path("log")) {
            firstLine.putIfAbsent(line.path("step").asText(), java.time.Instant.parse(line.path("at").asText()));
        }
        java.time.Instant end = java.time.Instant.parse(deployment.path("endedAt").asText());
        StringBuilder out = new StringBuilder("  ");
        List<Map.Entry<String, java.time.Instant>> entries = new ArrayList<>(firstLine.entrySet());
        for (int index = 0; index < entries.size(); index++) {
            java.time.Instant next = index + 1 < entries.size() ? entries.get(index + 1).getValue() : end;
            out.append(String.format(Locale.ROOT, "%s %.2f s  ", entries.get(index).getKey(),
                    Duration.between(entries.get(index).getValue(), next).toNanos() / 1e9));
        }
        return out.append('\n').toString();
    }

    private void remove(UUID server) {
        for (JsonNode proxy : admin.get(ApiPaths.PROXIES).json()) {
            if (proxy.path("serverId").asText().equals(server.toString())) {
                admin.delete(ApiPaths.PROXIES + "/" + proxy.path("id").asText());
            }
        }
        var removed = admin.post(ApiPaths.SERVERS + "/" + server + "/remove", null);
        assertThat(removed.status()).as(removed.toString()).isBetween(200, 299);
    }

    /** Seconds for OpenSSH to copy the bundle to the host's key account and unpack it there. */
    private double peerCopy(ManagedHost host, String folder) throws IOException, InterruptedException {
        host.ssh().authorize(TestAccounts.SUDO_WITHOUT_PASSWORD, Files.readString(peerKey.resolveSibling("peer-key.pub")));
        Path target = host.home(TestAccounts.SUDO_WITHOUT_PASSWORD).resolve("peer-" + folder);
        String copy = "tar -C " + bundle + " -cf - . | ssh -q -i " + peerKey + " -p " + host.port()
                + " -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null "
                + TestAccounts.SUDO_WITHOUT_PASSWORD + "@" + host.address()
                + " 'mkdir -p " + target + " && tar -xf - -C " + target + "'";
        long start = System.nanoTime();
        Process process = new ProcessBuilder("sh", "-c", copy).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("OpenSSH copy: " + output).isZero();
        return seconds(System.nanoTime() - start);
    }

    private interface HostTask {
        double run(ManagedHost host) throws Exception;
    }

    private static double inParallel(List<ManagedHost> hosts, HostTask task) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(hosts.size())) {
            List<Future<Double>> runs = new ArrayList<>();
            for (ManagedHost host : hosts) {
                runs.add(pool.submit((Callable<Double>) () -> task.run(host)));
            }
            for (Future<Double> run : runs) {
                run.get();
            }
        }
        return seconds(System.nanoTime() - start);
    }

    private String report(List<Double> fresh, List<Double> redeploy, List<Double> peerOne, double oneInNamespace,
                          double tenInNamespaces, double peerTen, CpuUse tenCpu) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Deployment benchmark: %d cores, agent bundle %.1f MB (%s)%n%n",
                Runtime.getRuntime().availableProcessors(), bundleBytes() / 1e6,
                Files.readString(bundle.resolve("VERSION")).strip()));
        out.append(String.format(Locale.ROOT, "%-48s | %-22s | %s%n", "", "Bulwark, Apply to ready",
                "OpenSSH copies the bundle"));
        row(out, "fresh host on loopback (median of " + ROUNDS + ")", median(fresh), range(fresh), median(peerOne));
        row(out, "redeploy to an up-to-date host (median of " + ROUNDS * REDEPLOYS + ")", median(redeploy),
                range(redeploy), Double.NaN);
        row(out, "fresh host in a namespace", oneInNamespace, "", Double.NaN);
        row(out, HOSTS + " fresh hosts in namespaces, at once", tenInNamespaces, "", peerTen);
        double ratio = tenInNamespaces / oneInNamespace;
        out.append(String.format(Locale.ROOT, "%n%-48s   %.2fx (OpenSSH's copy: %.2fx)%n", HOSTS + " hosts against one", ratio,
                peerTen / median(peerOne)));
        out.append(String.format(Locale.ROOT, "%-48s   machine %.0f%% busy; the engine used %.1f CPU s of %.1f%n%n",
                "CPU while the " + HOSTS + " deployed", tenCpu.machineBusy() * 100, tenCpu.engineSeconds(),
                tenCpu.machineSeconds()));
        out.append("Goals\n");
        goal(out, "fresh deploy under 5 s", median(fresh) < 5.0, String.format(Locale.ROOT, "%.2f s", median(fresh)));
        goal(out, "redeploy under 1 s", median(redeploy) < 1.0, String.format(Locale.ROOT, "%.2f s", median(redeploy)));
        goal(out, HOSTS + " hosts in parallel under 3x one", ratio < 3.0, String.format(Locale.ROOT, "%.2fx", ratio));
        return out.toString();
    }

    /**
     * CPU time while something ran: the whole machine's (all cores, busy or idle) and the engine
     * process's. The hosts in namespaces share this machine's cores with the engine, as separate
     * machines would not.
     */
    private record CpuUse(double machineBusy, double machineSeconds, double engineSeconds) {
    }

    /** The tick counters of /proc at one moment. */
    private record CpuSample(long busyTicks, long allTicks, long engineTicks) {
        private static final double TICKS_PER_SECOND = 100.0;

        static CpuSample now(long enginePid) throws IOException {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long all = 0;
            for (int field = 1; field < cpu.length; field++) {
                all += Long.parseLong(cpu[field]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            String stat = Files.readString(Path.of("/proc/" + enginePid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new CpuSample(all - idle, all, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        }

        CpuUse since(CpuSample before) {
            double all = allTicks - before.allTicks;
            return new CpuUse((busyTicks - before.busyTicks) / all, all / TICKS_PER_SECOND,
                    (engineTicks - before.engineTicks) / TICKS_PER_SECOND);
        }
    }

    private static void row(StringBuilder out, String label, double seconds, String range, double peer) {
        out.append(String.format(Locale.ROOT, "%-48s | %7.2f s %-12s | %s%n", label, seconds, range,
                Double.isNaN(peer) ? "-" : String.format(Locale.ROOT, "%.2f s", peer)));
    }

    private static void goal(StringBuilder out, String what, boolean met, String measured) {
        out.append(String.format(Locale.ROOT, "  %-4s  %s: %s%n", met ? "PASS" : "MISS", what, measured));
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String range(List<Double> values) {
        return String.format(Locale.ROOT, "(%.2f-%.2f)", values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    private long bundleBytes() throws IOException {
        try (var files = Files.walk(bundle)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
