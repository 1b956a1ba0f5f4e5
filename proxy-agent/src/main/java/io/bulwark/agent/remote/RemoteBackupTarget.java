package io.bulwark.agent.remote;

import io.bulwark.agent.backup.BackupTarget;
import io.bulwark.agent.backup.TablePreviousDisk;
import io.bulwark.agent.backup.ThisHost;
import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.repository.KeyFile;
import io.bulwark.agent.repository.RepositoryConfig;
import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.repository.RepositoryKeys;
import io.bulwark.agent.repository.points.BlockTableReader;
import io.bulwark.agent.repository.points.BlockTableWriter;
import io.bulwark.agent.repository.points.PointId;
import io.bulwark.agent.repository.points.PointMetaCodec;
import io.bulwark.agent.repository.points.RestorePoint;
import io.bulwark.agent.traffic.TrafficShaper;
import io.bulwark.protocol.datamover.BeginBackup;
import io.bulwark.protocol.datamover.Commit;
import io.bulwark.protocol.datamover.DataMoverProtocol;
import io.bulwark.protocol.datamover.Frame;
import io.bulwark.protocol.datamover.FrameType;
import io.bulwark.protocol.datamover.GetTable;
import io.bulwark.protocol.datamover.OpenRepository;
import io.bulwark.protocol.datamover.PointFile;
import io.bulwark.protocol.datamover.PointsEnd;
import io.bulwark.protocol.datamover.ProtocolException;
import io.bulwark.protocol.datamover.RepositoryFiles;
import io.bulwark.protocol.datamover.StoreBlob;
import io.bulwark.protocol.datamover.TableEnd;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A backup into a repository that a repository agent serves on another host. Everything secret
 * stays here: the key file comes from the agent and is unwrapped here with the password; blocks,
 * the restore point's table and its metadata are sealed here; the agent stores bytes. Only the
 * blocks the agent's repository lacks are sent.
 */
public final class RemoteBackupTarget implements BackupTarget {
    /** An agent waits up to an hour for a prune to let go of the repository, as a local backup does. */
    private static final Duration BEGIN_TIMEOUT = Duration.ofMinutes(65);

    private final AgentConnection agent;
    private final RepositoryKeys keys;
    private final Clock clock;
    private final PointId pointId;
    private final Path workDirectory;
    private final Path tableFile;
    private final BlockTableWriter table;
    private boolean committed;

    private RemoteBackupTarget(AgentConnection agent, RepositoryKeys keys, Clock clock, PointId pointId, Path workDirectory)
            throws IOException {
        this.agent = agent;
        this.keys = keys;
        this.clock = clock;
        this.pointId = pointId;
        this.workDirectory = workDirectory;
        this.tableFile = workDirectory.resolve(pointId.hex() + ".blocks");
        this.table = new BlockTableWriter(tableFile, keys.encryptionKey(), pointId);
    }

    /**
     * Connects to the agent, unwraps the repository's keys with {@code password} here, and starts
     * a backup there.
     *
     * @param notices where to say what the agent wants the admin to know, such as a wait for a prune
     * @throws RepositoryException for a wrong password or a repository of a newer format
     */
    public static RemoteBackupTarget open(HostPort address, TlsMaterial tls, String password, Clock clock,
                                          Consumer<String> notices) throws IOException, RepositoryException {
        return open(address, tls, TrafficShaper.unrestricted(), password, clock, notices);
    }

    /** As {@link #open(HostPort, TlsMaterial, String, Clock, Consumer)}, what it sends held to {@code traffic}'s rules. */
    public static RemoteBackupTarget open(HostPort address, TlsMaterial tls, TrafficShaper traffic, String password,
                                          Clock clock, Consumer<String> notices) throws IOException, RepositoryException {
        return open(address, null, tls, traffic, password, clock, notices);
    }

    /**
     * As {@link #open(HostPort, TlsMaterial, TrafficShaper, String, Clock, Consumer)}, into the
     * repository folder {@code repositoryPath} of an agent that serves several ({@code agent run});
     * null for the one an {@code agent serve} serves.
     */
    public static RemoteBackupTarget open(HostPort address, String repositoryPath, TlsMaterial tls, TrafficShaper traffic,
                                          String password, Clock clock, Consumer<String> notices)
            throws IOException, RepositoryException {
        AgentConnection agent = AgentConnection.open(address, tls, traffic, notices);
        Path workDirectory = null;
        try {
            if (repositoryPath != null && agent.agentMinorVersion() < OpenRepository.NAMES_FOLDER_SINCE_MINOR) {
                throw new RepositoryException("The repository agent at " + address + " speaks data mover protocol 1."
                        + agent.agentMinorVersion() + ", which cannot name the repository folder " + repositoryPath
                        + ". Upgrade Bulwark on that host.");
            }
            agent.send(new OpenRepository(repositoryPath));
            RepositoryFiles files = RepositoryFiles.decode(agent.expect(FrameType.REPOSITORY));
            String where = HostPort.SCHEME + address + (repositoryPath == null ? "" : repositoryPath);
            RepositoryConfig config = RepositoryConfig.parse(files.config(), where);
            RepositoryKeys keys;
            try {
                keys = RepositoryKeys.unlock(config.id(), files.keyFile(), password);
            } catch (KeyFile.WrongPasswordException e) {
                throw new RepositoryException(e.getMessage() + " The repository at " + where + " was not changed.");
            }
            PointId pointId = PointId.random();
            agent.send(new BeginBackup(pointId.bytes()));
            agent.expect(BEGIN_TIMEOUT, FrameType.BACKUP_STARTED);
            workDirectory = Files.createTempDirectory("bulwark-backup-");
            return new RemoteBackupTarget(agent, keys, clock, pointId, workDirectory);
        } catch (IOException | RepositoryException | RuntimeException e) {
            deleteQuietly(workDirectory);
            agent.close();
            throw e;
        }
    }

    /** Frame bytes sent to the agent so far, headers included: the measure of what crossed the network. */
    public long bytesSent() {
        return agent.bytesSent();
    }

    @Override
    public RepositoryKeys keys() {
        return keys;
    }

    @Override
    public boolean acrossNetwork() {
        return true;
    }

    /** Lists the points' metadata on the agent, opens it here, and downloads the newest table of the disk. */
    @Override
    public Optional<PreviousDisk> previous(String diskName, int blockSize) throws IOException {
        Optional<RestorePoint> newest = TablePreviousDisk.newestWithDisk(listPoints(), diskName, blockSize);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        RestorePoint point = newest.get();
        Path file = workDirectory.resolve("previous-" + point.id().hex() + ".blocks");
        downloadTable(point.id(), file);
        BlockTableReader reader;
        try {
            reader = new BlockTableReader(file, keys.encryptionKey(), point.id(), point.recordCount());
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return Optional.of(new TablePreviousDisk(point.disk(diskName), reader, () -> Files.deleteIfExists(file)));
    }

    private List<RestorePoint> listPoints() throws IOException {
        agent.send(FrameType.LIST_POINTS);
        List<RestorePoint> points = new ArrayList<>();
        while (true) {
            Frame frame = agent.expect(FrameType.POINT, FrameType.POINTS_END);
            if (frame.type() == FrameType.POINTS_END) {
                int count = PointsEnd.decode(frame).count();
                if (count != points.size()) {
                    throw new ProtocolException("POINTS_END after " + points.size() + " points, announcing " + count);
                }
                points.sort(RestorePoint.OLDEST_FIRST);
                return points;
            }
            PointFile file = PointFile.decode(frame);
            PointId id = PointId.fromBytes(file.pointId());
            points.add(PointMetaCodec.open(keys.encryptionKey(), id, file.meta()));
        }
    }

    private void downloadTable(PointId id, Path file) throws IOException {
        agent.send(new GetTable(id.bytes()));
        long received = 0;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            while (true) {
                Frame frame = agent.expect(FrameType.TABLE_DATA, FrameType.TABLE_END);
                if (frame.type() == FrameType.TABLE_END) {
                    long length = TableEnd.decode(frame).length();
                    if (length != received) {
                        throw new ProtocolException("TABLE_END announcing " + length + " bytes after " + received);
                    }
                    return;
                }
                out.write(frame.payload());
                received += frame.payload().length;
            }
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public boolean[] claim(List<Fingerprint> fingerprints) throws IOException {
        boolean[] send = new boolean[fingerprints.size()];
        int batch = DataMoverProtocol.MAX_CLAIM_FINGERPRINTS;
        for (int from = 0; from < send.length; from += batch) {
            int to = Math.min(send.length, from + batch);
            byte[] bytes = new byte[(to - from) * Fingerprint.BYTES];
            for (int i = from; i < to; i++) {
                System.arraycopy(fingerprints.get(i).bytes(), 0, bytes, (i - from) * Fingerprint.BYTES, Fingerprint.BYTES);
            }
            boolean[] answer = agent.claim(bytes);
            if (answer.length != to - from) {
                throw new ProtocolException("an answer for " + answer.length + " fingerprints to a claim of " + (to - from));
            }
            System.arraycopy(answer, 0, send, from, answer.length);
        }
        return send;
    }

    /** Sends the sealed block straight from the pipeline's buffer, which may be reused once it is on its way. */
    @Override
    public void store(SealedBlob blob, Runnable written) throws IOException {
        byte[] header = StoreBlob.header(blob.fingerprint().bytes(), blob.codec().code(), blob.rawLength());
        agent.send(FrameType.STORE, header, blob.stored(), 0, blob.storedLength());
        written.run();
    }

    @Override
    public void append(Fingerprint fingerprint) throws IOException {
        table.append(fingerprint);
    }

    /** Uploads the table, then the sealed metadata; the agent commits both durably, table first. */
    @Override
    public RestorePoint commit(RestorePoint.Disk disk, RestorePoint.Stats stats) throws IOException {
        table.finish();
        RestorePoint point = new RestorePoint(RestorePoint.VERSION, pointId, clock.instant(), ThisHost.name(),
                List.of(disk), stats);
        byte[] meta = PointMetaCodec.seal(keys.encryptionKey(), point);
        uploadTable();
        agent.ifLost("Restore point " + pointId.shortForm() + " may or may not have been committed; list the points"
                + " to see. The blocks the agent stored are kept either way.");
        agent.send(new Commit(meta));
        agent.expect(FrameType.COMMITTED);
        committed = true;
        return point;
    }

    private void uploadTable() throws IOException {
        byte[] chunk = new byte[DataMoverProtocol.TABLE_CHUNK_BYTES];
        long sent = 0;
        try (InputStream in = Files.newInputStream(tableFile)) {
            for (int read = in.readNBytes(chunk, 0, chunk.length); read > 0; read = in.readNBytes(chunk, 0, chunk.length)) {
                agent.send(FrameType.TABLE_DATA, new byte[0], chunk, 0, read);
                sent += read;
            }
        }
        agent.send(new TableEnd(sent));
    }

    /** Ends the connection; without a commit, the agent makes no restore point of it. */
    @Override
    public void close() throws IOException {
        try {
            if (!committed) {
                table.close();
            }
        } finally {
            try {
                agent.close();
            } finally {
                deleteQuietly(workDirectory);
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary directory; the OS cleans it eventually
        }
    }
}
