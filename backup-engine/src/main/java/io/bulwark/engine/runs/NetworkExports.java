package io.bulwark.engine.runs;

import io.bulwark.agent.remote.AgentKeys;
import io.bulwark.engine.ca.AgentIdentity;
import io.bulwark.engine.ca.EngineAuthority;
import io.bulwark.engine.deploy.ServerAccess;
import io.bulwark.engine.ssh.HostAccessException;
import io.bulwark.engine.ssh.HostProblem;
import io.bulwark.engine.ssh.ShellQuoting;
import io.bulwark.protocol.control.DiskSourceSpec;
import io.bulwark.protocol.inventory.DiskFormat;
import io.bulwark.protocol.servers.ServerView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network mode's source: a read-only NBD export of one VM disk on the host that owns it, started
 * by the engine (qemu-nbd, as root over SSH, or as the engine itself on the backup server) for
 * one task and stopped after it. With the proxy's "encrypt host to proxy traffic" the export
 * speaks TLS with a certificate from the engine's CA that names the host, so the proxy checks it.
 *
 * <p>The dirty bitmaps are handled here, as the agent handles them for images it opens itself:
 * the new bitmap is added before the export starts (the image is then only read), the previous one
 * is exported for the proxy to read through, and after the task the old ones are removed when the
 * new restore point was committed, or the new one when it was not. Bitmaps change only while no
 * qemu-nbd holds the image.
 */
public class NetworkExports {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkExports.class);
    static final String EXPORT_NAME = "bulwark";
    private static final int PORT_TRIES = 20;

    private final ServerAccess access;
    private final EngineAuthority authority;
    private final Path workFolder;
    private final Map<UUID, Set<Integer>> portsInUse = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** @param workFolder where the engine makes the TLS files of its exports before they go to the host */
    public NetworkExports(ServerAccess access, EngineAuthority authority, Path workFolder) {
        this.access = access;
        this.authority = authority;
        this.workFolder = workFolder;
    }

    /** One running export: what the proxy reads, and what {@link #close} undoes. */
    public record Export(ServerView host, String image, DiskFormat format, int port, String folder, boolean tls,
                         String readBitmap, String addBitmap, List<String> bitmapsBefore) {
        public DiskSourceSpec source() {
            return DiskSourceSpec.nbd(host.address(), port, EXPORT_NAME, tls, readBitmap);
        }
    }

    /**
     * Exports the image read-only on {@code host}, after adding {@code addBitmap} to a qcow2 image.
     *
     * @param bitmapsBefore the image's bitmaps as the inventory saw them: the old ones a commit removes
     */
    public Export open(ServerView host, String image, DiskFormat format, String readBitmap, String addBitmap,
                       List<String> bitmapsBefore, boolean tls) {
        String folder = "/tmp/bulwark-export-" + randomName();
        HostSide side = HostSide.of(host, access);
        try {
            side.makePrivateFolder(folder);
            if (tls) {
                side.writePrivate(folder, tlsFiles(host));
            }
            if (format == DiskFormat.QCOW2 && addBitmap != null) {
                // A few tries: an inventory scan's qemu-img info holds the image's lock for a moment.
                side.run("i=0; until qemu-img bitmap --add " + q(image) + " " + q(addBitmap) + "; do i=$((i+1)); "
                        + "[ $i -lt 10 ] || exit 1; sleep 0.3; done", "add the dirty bitmap");
            }
            HostAccessException last = null;
            for (int attempt = 0; attempt < PORT_TRIES; attempt++) {
                int port = port(host);
                try {
                    side.run(startCommand(host, image, format, readBitmap, folder, port, tls), "export " + image);
                    LOG.info("Exported {} on {}:{} read-only{} for network mode", image, host.address(), port,
                            tls ? " over TLS" : "");
                    return new Export(host, image, format, port, folder, tls, readBitmap, addBitmap,
                            bitmapsBefore == null ? List.of() : List.copyOf(bitmapsBefore));
                } catch (HostAccessException e) {
                    release(host, port);
                    last = e;
                    if (!e.getMessage().contains("in use")) {
                        break;
                    }
                }
            }
            undo(side, image, format, addBitmap, folder);
            throw last;
        } catch (RuntimeException e) {
            undo(side, image, format, addBitmap, folder);
            throw e;
        } finally {
            side.close();
        }
    }

    /**
     * Stops the export and settles the bitmaps: with {@code committed}, every older {@code bulwark-}
     * bitmap goes and the new one stays; otherwise the new one goes and the previous chain stays.
     */
    public void close(Export export, boolean committed) {
        HostSide side = HostSide.of(export.host(), access);
        try {
            StringBuilder script = new StringBuilder(stopCommand(export.folder()));
            if (export.format() == DiskFormat.QCOW2 && export.addBitmap() != null) {
                // Committed: the previous bitmap (read through) and any other older one of ours the inventory saw.
                Set<String> remove = new java.util.LinkedHashSet<>();
                if (committed) {
                    if (export.readBitmap() != null) {
                        remove.add(export.readBitmap());
                    }
                    export.bitmapsBefore().stream().filter(b -> b.startsWith(DiskSourceSpec.BITMAP_PREFIX))
                            .forEach(remove::add);
                    remove.remove(export.addBitmap());
                } else {
                    remove.add(export.addBitmap());
                }
                for (String bitmap : remove) {
                    script.append("; qemu-img bitmap --remove ").append(q(export.image())).append(' ').append(q(bitmap))
                            .append(" || true");
                }
            }
            side.run(script.toString(), "stop the export of " + export.image());
        } catch (RuntimeException e) {
            LOG.warn("Could not stop the export of {} on {} cleanly: {}", export.image(), export.host().address(),
                    e.getMessage());
        } finally {
            side.close();
            release(export.host(), export.port());
        }
    }

    private void undo(HostSide side, String image, DiskFormat format, String addBitmap, String folder) {
        try {
            String script = "rm -rf " + q(folder);
            if (format == DiskFormat.QCOW2 && addBitmap != null) {
                script += "; qemu-img bitmap --remove " + q(image) + " " + q(addBitmap) + " 2>/dev/null || true";
            }
            side.run(script, "clean up after a failed export");
        } catch (RuntimeException e) {
            LOG.warn("Could not clean up after a failed export of {}: {}", image, e.getMessage());
        }
    }

    private static String startCommand(ServerView host, String image, DiskFormat format, String readBitmap,
                                       String folder, int port, boolean tls) {
        StringBuilder command = new StringBuilder("qemu-nbd --fork --persistent --shared=8 --read-only")
                .append(" --pid-file=").append(q(folder + "/qemu-nbd.pid"))
                .append(" --format=").append(format.name().toLowerCase(Locale.ROOT))
                .append(" --bind=").append(q(host.address()))
                .append(" --port=").append(port)
                .append(" --export-name=").append(EXPORT_NAME);
        if (readBitmap != null) {
            command.append(" --bitmap=").append(q(readBitmap));
        }
        if (tls) {
            command.append(" --object tls-creds-x509,id=bulwark-tls,endpoint=server,dir=").append(q(folder))
                    .append(" --tls-creds=bulwark-tls");
        }
        command.append(' ').append(q(image));
        // qemu-nbd --fork answers only once it listens; its own words go to the engine when it cannot.
        return command + " >/dev/null 2>" + q(folder + "/qemu-nbd.log") + " || { status=$?; cat " + q(folder + "/qemu-nbd.log")
                + " >&2; exit $status; }";
    }

    private static String stopCommand(String folder) {
        String pid = q(folder + "/qemu-nbd.pid");
        // qemu-nbd lets the image go only when it has ended: wait for that before touching its bitmaps.
        return "if [ -f " + pid + " ]; then p=$(cat " + pid + "); kill \"$p\" 2>/dev/null; i=0; "
                + "while kill -0 \"$p\" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; fi; "
                + "rm -rf " + q(folder);
    }

    /** A key made here for this export, and its certificate from the engine's CA naming the host. */
    private Map<String, byte[]> tlsFiles(ServerView host) {
        Path scratch = null;
        try {
            Files.createDirectories(workFolder);
            scratch = Files.createTempDirectory(workFolder, "export-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            AgentKeys.Prepared keys = new AgentKeys(scratch).prepare(host.name());
            String certificate = authority.sign(Files.readString(keys.request()), AgentIdentity.of(host));
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("ca-cert.pem", authority.certificatePem().getBytes(StandardCharsets.US_ASCII));
            files.put("server-cert.pem", certificate.getBytes(StandardCharsets.US_ASCII));
            files.put("server-key.pem", Files.readAllBytes(keys.key()));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("The engine could not make the export's TLS key: " + e.getMessage(), e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private String randomName() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private int port(ServerView host) {
        Set<Integer> used = portsInUse.computeIfAbsent(host.id(), k -> ConcurrentHashMap.newKeySet());
        // The first data port is the agent's data listener; exports take the rest of the range.
        int first = host.ports().dataPortFirst() + 1;
        int last = host.ports().dataPortLast();
        for (int i = 0; i <= last - first; i++) {
            int port = first + random.nextInt(last - first + 1);
            if (used.add(port)) {
                return port;
            }
        }
        throw new HostAccessException(HostProblem.COMMAND, "Every data port of " + host.name() + " ("
                + first + "-" + last + ") has an export on it. Widen the server's data port range.");
    }

    private void release(ServerView host, int port) {
        Set<Integer> used = portsInUse.get(host.id());
        if (used != null) {
            used.remove(port);
        }
    }

    private static String q(String word) {
        return ShellQuoting.quote(word);
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a private scratch folder of the engine; nothing else reads it
        }
    }
}
