package io.bulwark.agent.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.agent.backup.BackupOptions;
import io.bulwark.agent.backup.BackupPipeline;
import io.bulwark.agent.backup.Progress;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.remote.HostPort;
import io.bulwark.agent.remote.RemoteBackupTarget;
import io.bulwark.agent.remote.RepositoryAgent;
import io.bulwark.agent.remote.TlsMaterial;
import io.bulwark.agent.source.RawFileSource;
import io.bulwark.agent.testing.FreePorts;
import io.bulwark.agent.testing.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real backups of incompressible data from a proxy to a repository agent, over mutual TLS on
 * loopback, through the proxy's {@code AgentConnection} and the agent's session: the rate on the
 * wire is what the rules say.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TrafficShapingNetworkTest {
    private static final String PASSWORD = "correct horse battery staple";
    /** 50 Mbit/s in bytes per second. */
    private static final double LIMIT = 50 * 125_000.0;
    private static final AtomicInteger SEEDS = new AtomicInteger(1);

    @TempDir
    static Path directory;
    static TlsMaterial proxyTls;
    static RepositoryAgent agent;

    @BeforeAll
    static void serve() throws Exception {
        TestPki pki = TestPki.create(directory.resolve("pki"));
        TestPki.Issued proxy = pki.issue("proxy");
        TestPki.Issued repositoryHost = pki.issue("agent", "127.0.0.1");
        proxyTls = new TlsMaterial(proxy.certificatePath(), proxy.keyPath(), pki.caCertificate());
        Path repository = directory.resolve("repo");
        new RepositoryOperations(Clock.systemUTC(), Duration.ofMinutes(1), 2, notice -> { })
                .init(repository, PASSWORD, null);
        agent = RepositoryAgent.start(new HostPort("127.0.0.1", FreePorts.loopback()), repository,
                new TlsMaterial(repositoryHost.certificatePath(), repositoryHost.keyPath(), pki.caCertificate()),
                Duration.ofMinutes(1));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void aFiftyMegabitRuleOverLoopbackHoldsABackupToFiftyMegabits() throws Exception {
        TrafficShaper traffic = new TrafficShaper(Clock.systemUTC());
        traffic.apply(TrafficPolicies.policy(TrafficPolicies.mbits("loopback 50", "127.0.0.0/8", "127.0.0.0/8", 50)));

        Transfer transfer = backUp(traffic, 1, 26);

        report("50 Mbit/s rule on 127.0.0.0/8, one backup", transfer);
        assertThat(transfer.steadySeconds()).as("long enough to measure a rate").isGreaterThanOrEqualTo(3.0);
        assertThat(transfer.steadyRate()).as("bytes per second on the wire").isBetween(LIMIT * 0.9, LIMIT * 1.1);
    }

    @Test
    void aRuleThatDoesNotCoverLoopbackLeavesTheSameBackupUnthrottled() throws Exception {
        TrafficShaper traffic = new TrafficShaper(Clock.systemUTC());
        traffic.apply(TrafficPolicies.policy(TrafficPolicies.mbits("office 50", "10.0.0.0/8", "10.0.0.0/8", 50)));

        Transfer transfer = backUp(traffic, 1, 26);

        report("50 Mbit/s rule on 10.0.0.0/8 only, one backup over loopback", transfer);
        // The whole backup's rate, set-up and commit included, is a floor for the rate on the wire.
        assertThat(transfer.overallRate()).as("bytes per second, the whole backup").isGreaterThan(2 * LIMIT);
    }

    @Test
    void twoBackupsUnderOneRuleShareItsFiftyMegabits() throws Exception {
        TrafficShaper traffic = new TrafficShaper(Clock.systemUTC());
        traffic.apply(TrafficPolicies.policy(TrafficPolicies.mbits("loopback 50", "127.0.0.0/8", "127.0.0.0/8", 50)));

        Transfer together = backUp(traffic, 2, 13);

        report("50 Mbit/s rule on 127.0.0.0/8, two backups at once", together);
        assertThat(together.steadySeconds()).as("long enough to measure a rate").isGreaterThanOrEqualTo(3.0);
        assertThat(together.steadyRate()).as("bytes per second of both on the wire").isBetween(LIMIT * 0.9, LIMIT * 1.1);
    }

    /** Bytes on the wire at moments of a transfer, and what they say about its rate. */
    record Transfer(List<long[]> samples, long totalBytes, long totalNanos) {
        /** The bytes between 10 % and 90 % of the transfer, over the time they took: no set-up, no commit. */
        double steadyRate() {
            long[] from = firstReaching(totalBytes / 10);
            long[] to = firstReaching(totalBytes * 9 / 10);
            return (to[1] - from[1]) * 1e9 / (to[0] - from[0]);
        }

        double steadySeconds() {
            return (firstReaching(totalBytes * 9 / 10)[0] - firstReaching(totalBytes / 10)[0]) / 1e9;
        }

        double overallRate() {
            return totalBytes * 1e9 / totalNanos;
        }

        private long[] firstReaching(long bytes) {
            return samples.stream().filter(sample -> sample[1] >= bytes).findFirst().orElseThrow();
        }
    }

    /**
     * Backs up {@code backups} disks of {@code mebibytes} random bytes each at once, all through
     * {@code traffic}, through a relay that samples the bytes on the wire every few milliseconds.
     */
    private static Transfer backUp(TrafficShaper traffic, int backups, int mebibytes) throws Exception {
        List<Path> disks = new ArrayList<>();
        for (int i = 0; i < backups; i++) {
            disks.add(randomDisk(mebibytes));
        }
        CountingRelay relay = CountingRelay.to(agent.address());
        List<RemoteBackupTarget> targets = new ArrayList<>();
        for (int i = 0; i < backups; i++) {
            targets.add(RemoteBackupTarget.open(relay.address(), proxyTls, traffic, PASSWORD, Clock.systemUTC(),
                    notice -> { }));
        }
        LongSupplier sent = relay::upstreamBytes;
        long startBytes = sent.getAsLong();
        List<long[]> samples = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(backups);
        try {
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < backups; i++) {
                Path disk = disks.get(i);
                RemoteBackupTarget target = targets.get(i);
                running.add(pool.submit(() -> {
                    try (RawFileSource source = RawFileSource.open(disk)) {
                        return new BackupPipeline(BackupOptions.defaults(disk.getFileName().toString()))
                                .run(source, target, Progress.NONE);
                    }
                }));
            }
            while (running.stream().anyMatch(backup -> !backup.isDone())) {
                long bytes = sent.getAsLong() - startBytes;
                samples.add(new long[] {System.nanoTime(), bytes});
                Thread.sleep(5);
            }
            long finished = System.nanoTime();
            for (Future<?> backup : running) {
                backup.get();
            }
            long total = sent.getAsLong() - startBytes;
            long frames = targets.stream().mapToLong(RemoteBackupTarget::bytesSent).sum();
            assertThat(total).as("TLS adds little to the frames the proxy sent").isBetween(frames, frames + frames / 50);
            samples.add(new long[] {finished, total});
            assertThat(total).as("the random blocks crossed").isGreaterThanOrEqualTo((long) backups * mebibytes << 20);
            return new Transfer(samples, total, finished - started);
        } finally {
            pool.shutdownNow();
            for (RemoteBackupTarget target : targets) {
                target.close();
            }
            relay.close();
            for (Path disk : disks) {
                Files.deleteIfExists(disk);
            }
        }
    }

    /** Random bytes, new ones each time: nothing compresses and the repository holds none of them yet. */
    private static Path randomDisk(int mebibytes) throws IOException {
        Path disk = directory.resolve("disk-" + SEEDS.get() + ".raw");
        Random random = new Random(SEEDS.getAndIncrement() * 7919L + System.nanoTime());
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(disk)) {
            for (int i = 0; i < mebibytes; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        return disk;
    }

    private static void report(String what, Transfer transfer) {
        System.out.printf(Locale.ROOT, "%s: %d bytes; steady %.2f Mbit/s over %.2f s (10%%-90%% of the bytes);"
                        + " whole backup %.2f Mbit/s over %.2f s%n", what, transfer.totalBytes(),
                transfer.steadyRate() * 8 / 1e6, transfer.steadySeconds(), transfer.overallRate() * 8 / 1e6,
                transfer.totalNanos() / 1e9);
    }
}
