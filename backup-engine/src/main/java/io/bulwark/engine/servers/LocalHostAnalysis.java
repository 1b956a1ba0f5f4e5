package io.bulwark.engine.servers;

import com.sun.management.OperatingSystemMXBean;
import io.bulwark.protocol.servers.HostFacts;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The facts about the engine's own host, found from inside the engine: the same facts the
 * installer gathers on a remote host over SSH.
 */
public class LocalHostAnalysis {
    private final Clock clock;

    public LocalHostAnalysis(Clock clock) {
        this.clock = clock;
    }

    public HostFacts analyse(Path dataDirectory) {
        Map<String, String> osRelease = osRelease();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new HostFacts(
                osRelease.getOrDefault("NAME", System.getProperty("os.name")),
                osRelease.getOrDefault("VERSION_ID", ""),
                System.getProperty("os.version"),
                architecture(System.getProperty("os.arch")),
                Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize(),
                dataDirectory.toFile().getUsableSpace(),
                Files.isDirectory(Path.of("/run/systemd/system")),
                onPath("qemu-nbd"),
                List.of(),
                clock.instant());
    }

    /** Java says amd64 where uname says x86_64: the installer's names (its analyse command), so both kinds of server compare. */
    static String architecture(String javaName) {
        return switch (javaName) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> javaName;
        };
    }

    private static Map<String, String> osRelease() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream()
                    .filter(line -> line.contains("="))
                    .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
                            l -> l.substring(l.indexOf('=') + 1).replace("\"", ""), (a, b) -> a));
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
