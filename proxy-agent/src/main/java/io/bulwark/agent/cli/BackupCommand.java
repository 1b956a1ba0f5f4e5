package io.bulwark.agent.cli;

import io.bulwark.agent.backup.BackupOptions;
import io.bulwark.agent.blocks.Compression;
import io.bulwark.agent.operations.RepositoryOperations;
import io.bulwark.agent.remote.HostPort;
import io.bulwark.agent.remote.TlsMaterial;
import io.bulwark.agent.repository.points.RestorePoint;
import io.bulwark.agent.source.DiskSource;
import io.bulwark.protocol.ApiJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class BackupCommand implements Command {
    private static final List<String> TLS_OPTIONS = List.of("--cert", "--key", "--ca");

    private final RepositoryOperations operations;
    private final Sources sources;

    BackupCommand(RepositoryOperations operations, Sources sources) {
        this.operations = operations;
        this.sources = sources;
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String usage() {
        return """
                Usage: ./bulwark backup --repo DIR|bulwark://HOST:PORT --password-file FILE
                                        --source FILE|nbd://HOST:PORT/EXPORT
                                        [--disk NAME] [--bitmap NAME] [--block-size 1M]
                                        [--compression none|optimal|high] [--nbd-ca FILE]
                                        [--cert FILE --key FILE --ca FILE] [--json]

                Backs up one disk and commits a restore point. Only blocks the repository lacks are
                stored; zero blocks are recorded, not stored. The newest restore point of the same
                disk name (default: the source's name) is the base of an incremental backup:
                  --bitmap NAME  reads only what the NBD export's dirty bitmap NAME marks as changed;
                                 the bitmap must have been made before that newest restore point
                                 was taken, or changes would be missed.
                Without a bitmap every block is read, and only changed ones are stored.
                --block-size is 256K, 512K, 1M (default) or 4M. --nbd-ca gives the CA certificate
                an nbds:// server must be signed by. --json prints one summary line at the end.

                bulwark://HOST:PORT is a repository that ./bulwark agent serve serves on another host.
                This proxy then needs its own TLS files (PEM): --cert and --key, its certificate and
                unencrypted key, which the agent's CA must have signed, and --ca, the CA that signed
                the agent's certificate, which must name HOST. The password stays here: blocks and
                restore points are encrypted before they leave, and only blocks the repository lacks
                cross the network (--json adds bytesSent).""";
    }

    @Override
    public int run(List<String> args, Terminal terminal) throws Exception {
        Arguments arguments = Arguments.parse(name(), args, Set.of("--repo", "--password-file", "--source", "--disk",
                "--bitmap", "--block-size", "--compression", "--nbd-ca", "--cert", "--key", "--ca"), Set.of("--json"));
        String repository = arguments.required("--repo");
        boolean overNetwork = HostPort.isRepositoryUri(repository);
        if (!overNetwork && TLS_OPTIONS.stream().anyMatch(option -> arguments.optional(option) != null)) {
            throw new UsageException("--cert, --key and --ca are for a repository served by an agent"
                    + " (--repo bulwark://HOST:PORT); a repository folder needs none.");
        }
        String password = Passwords.read(arguments.path("--password-file"));
        String sourceSpec = arguments.required("--source");
        BackupOptions options;
        try {
            options = new BackupOptions(arguments.optional("--disk", sources.defaultDiskName(sourceSpec)),
                    Sizes.parse(arguments.optional("--block-size", "1M")),
                    Compression.parse(arguments.optional("--compression", "optimal")),
                    Runtime.getRuntime().availableProcessors());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        HostPort agent = overNetwork ? agent(repository) : null;
        TlsMaterial tls = overNetwork ? new TlsMaterial(tlsFile(arguments, "--cert"), tlsFile(arguments, "--key"),
                tlsFile(arguments, "--ca")) : null;
        RestorePoint point;
        Long bytesSent = null;
        try (DiskSource source = sources.open(sourceSpec, arguments.optional("--bitmap"), arguments.optional("--nbd-ca"));
             TerminalProgress progress = new TerminalProgress(terminal.err(), "Backing up")) {
            if (overNetwork) {
                RepositoryOperations.NetworkBackup backup = operations.backupOverNetwork(agent, tls, password, source,
                        options, progress);
                point = backup.point();
                bytesSent = backup.bytesSent();
            } else {
                point = operations.backup(Path.of(repository), password, source, options, progress);
            }
        }
        RestorePoint.Stats stats = point.stats();
        RestorePoint.Disk disk = point.disks().getFirst();
        terminal.err().printf("Restore point %s of disk '%s': %s read, %s new, %s stored%s, in %.1f s (%s).%n",
                point.id().shortForm(), disk.name(), Sizes.human(stats.bytesRead()), Sizes.human(stats.bytesNew()),
                Sizes.human(stats.bytesStored()), bytesSent == null ? "" : ", " + Sizes.human(bytesSent) + " sent",
                stats.durationMillis() / 1000.0, Sizes.rate(disk.size(), stats.durationMillis()));
        if (arguments.flag("--json")) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("pointId", point.id().hex());
            summary.put("disk", disk.name());
            summary.put("diskBytes", disk.size());
            summary.put("bytesRead", stats.bytesRead());
            summary.put("bytesNew", stats.bytesNew());
            summary.put("bytesWritten", stats.bytesStored());
            if (bytesSent != null) {
                summary.put("bytesSent", bytesSent);
            }
            summary.put("newBlocks", stats.newBlocks());
            summary.put("zeroBlocks", stats.zeroBlocks());
            summary.put("durationMillis", stats.durationMillis());
            terminal.out().println(ApiJson.mapper().writeValueAsString(summary));
        }
        return 0;
    }

    private static HostPort agent(String repository) throws UsageException {
        try {
            return HostPort.fromRepositoryUri(repository);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static Path tlsFile(Arguments arguments, String option) throws UsageException {
        if (arguments.optional(option) == null) {
            throw new UsageException("A repository served by an agent (--repo bulwark://HOST:PORT) needs this proxy's TLS"
                    + " files: --cert, --key and --ca. " + option + " is missing.");
        }
        return arguments.path(option);
    }
}
