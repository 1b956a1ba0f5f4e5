package io.bulwark.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A test host's own network: a namespace ({@code ip netns}) joined to this machine by a veth pair,
 * with the address {@code 10.213.N.2} inside and {@code 10.213.N.1} on this side. Processes started
 * through {@link #command} (an sshd, and whatever its sessions start, such as the agent) see only
 * that network, so each host has its own address and its own ports, as separate machines do.
 *
 * <p>The addresses live only on the veth links this class makes; nothing leaves the machine.
 * Making namespaces needs root, which the tests have here and in CI.
 */
public final class HostNamespace implements AutoCloseable {
    private static final String PREFIX = "bwt-host-";

    private final int index;

    private HostNamespace(int index) {
        this.index = index;
    }

    /** Makes namespace {@code index} (0–250), first removing one of that name left by a killed run. */
    public static HostNamespace create(int index) {
        if (index < 0 || index > 250) {
            throw new IllegalArgumentException("A test host's index is 0 to 250, not " + index);
        }
        HostNamespace namespace = new HostNamespace(index);
        namespace.close();
        String name = namespace.name();
        String outside = "bwt-v" + index;
        String inside = "bwt-p" + index;
        Processes.run("ip", "netns", "add", name);
        try {
            Processes.run("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
            Processes.run("ip", "link", "set", inside, "netns", name);
            Processes.run("ip", "address", "add", namespace.gateway() + "/24", "dev", outside);
            Processes.run("ip", "link", "set", outside, "up");
            Processes.run("ip", "netns", "exec", name, "ip", "address", "add", namespace.address() + "/24", "dev", inside);
            Processes.run("ip", "netns", "exec", name, "ip", "link", "set", inside, "up");
            Processes.run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            namespace.close();
            throw e;
        }
        return namespace;
    }

    public String name() {
        return PREFIX + index;
    }

    /** The host's address, inside the namespace. */
    public String address() {
        return "10.213." + index + ".2";
    }

    /** This machine's address on the host's link. */
    public String gateway() {
        return "10.213." + index + ".1";
    }

    /**
     * Lets this host reach the other test hosts ({@code 10.213.0.0/16}) through this machine, as
     * hosts on one site's network reach each other: a route to that block via {@link #gateway}
     * inside the namespace, and forwarding turned on for this machine's end of the link only
     * ({@code /proc/sys/net/ipv4/conf/bwt-vN/forwarding}). The machine's global
     * {@code net.ipv4.ip_forward} stays as it is: Linux forwards a packet only when the link it
     * came in on forwards, so only packets from test hosts are forwarded, and the namespace has no
     * route but to test hosts. Both go with the link when the namespace is closed, so a killed run
     * leaves no forwarding on. Call it on every host that must reach another, and on that other.
     */
    public HostNamespace routeToOtherTestHosts() {
        Processes.run("ip", "netns", "exec", name(), "ip", "route", "replace", "10.213.0.0/16", "via", gateway());
        Path forwarding = Path.of("/proc/sys/net/ipv4/conf", "bwt-v" + index, "forwarding");
        try {
            Files.writeString(forwarding, "1\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot turn on forwarding on the link of test host " + index + " ("
                    + forwarding + "): the tests need root", e);
        }
        return this;
    }

    /**
     * What runs in the namespace, by PID, each with its command name ({@code /proc/PID/comm}): the
     * host's sshd, its agent, and whatever the engine started there over SSH.
     */
    public Map<Long, String> processes() {
        Map<Long, String> processes = new TreeMap<>();
        for (String pid : Processes.run("ip", "netns", "pids", name()).split("\\s+")) {
            if (pid.isBlank()) {
                continue;
            }
            try {
                processes.put(Long.parseLong(pid), Files.readString(Path.of("/proc", pid, "comm")).strip());
            } catch (IOException ended) {
                // It ended between the listing and the read: nothing to report.
            }
        }
        return processes;
    }

    /**
     * Stops whatever still runs in the namespace, by PID: SIGTERM, then SIGKILL after
     * {@code grace}. Everything in a test host's namespace was started by that test (through its
     * sshd), so this is the test's own clean-up, for what a failed run left behind, such as a
     * qemu-nbd export the engine never got to stop.
     */
    public void stopProcesses(Duration grace) {
        Map<Long, String> running;
        try {
            running = processes();
        } catch (RuntimeException gone) {
            return; // no such namespace (any more): nothing runs in it
        }
        List<ProcessHandle> left = running.keySet().stream().map(ProcessHandle::of).flatMap(Optional::stream)
                .toList();
        left.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle process : left) {
            try {
                process.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                        TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** {@code command}, run inside the namespace. */
    public List<String> command(List<String> command) {
        List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", name()));
        inside.addAll(command);
        return inside;
    }

    /**
     * Removes the namespace and its veth pair. Stop what runs inside first: a namespace lives on,
     * nameless, as long as a process is in it.
     */
    @Override
    public void close() {
        quietly("ip", "netns", "delete", name());
        quietly("ip", "link", "delete", "bwt-v" + index);
    }

    private static void quietly(String... command) {
        try {
            Processes.run(command);
        } catch (RuntimeException absent) {
            // Nothing of that name: nothing to remove.
        }
    }
}
