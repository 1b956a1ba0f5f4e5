package io.bulwark.agent.remote;

import io.bulwark.agent.blocks.BlockCodec;
import io.bulwark.agent.blocks.Codec;
import io.bulwark.agent.blocks.Fingerprint;
import io.bulwark.agent.blocks.SealedBlob;
import io.bulwark.agent.backup.BackupOptions;
import io.bulwark.agent.repository.BlockStoreSession;
import io.bulwark.agent.repository.RepositoryException;
import io.bulwark.agent.repository.RepositoryStorage;
import io.bulwark.agent.repository.points.PointFiles;
import io.bulwark.agent.repository.points.PointId;
import io.bulwark.agent.traffic.TrafficShaper;
import io.bulwark.protocol.datamover.BeginBackup;
import io.bulwark.protocol.datamover.Claim;
import io.bulwark.protocol.datamover.ClaimResult;
import io.bulwark.protocol.datamover.Commit;
import io.bulwark.protocol.datamover.DataMoverProtocol;
import io.bulwark.protocol.datamover.ErrorCode;
import io.bulwark.protocol.datamover.Failure;
import io.bulwark.protocol.datamover.Frame;
import io.bulwark.protocol.datamover.FrameReader;
import io.bulwark.protocol.datamover.FrameType;
import io.bulwark.protocol.datamover.FrameWriter;
import io.bulwark.protocol.datamover.GetTable;
import io.bulwark.protocol.datamover.Hello;
import io.bulwark.protocol.datamover.Notice;
import io.bulwark.protocol.datamover.OpenRepository;
import io.bulwark.protocol.datamover.PointFile;
import io.bulwark.protocol.datamover.PointsEnd;
import io.bulwark.protocol.datamover.ProtocolException;
import io.bulwark.protocol.datamover.RepositoryFiles;
import io.bulwark.protocol.datamover.StoreBlob;
import io.bulwark.protocol.datamover.TableEnd;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy's connection to the repository agent, on a virtual thread of its own: the TLS
 * handshake, the greeting, then the frames of one backup in order. Whatever ends it, a backup
 * that was not committed leaves no restore point; the packs it finished stay, indexed.
 */
final class SessionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(30);
    /** A proxy reading a slow source may be quiet for minutes; one silent for this long is gone. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
    private static final int MAX_BLOCK_BYTES = Collections.max(BackupOptions.BLOCK_SIZES);
    /** A char of a Java string takes at most three bytes of UTF-8: so many stay within the protocol's limit. */
    private static final int MAX_MESSAGE_CHARS = DataMoverProtocol.MAX_STRING_BYTES / 3;

    private final Socket plain;
    private final SSLContext context;
    private final TlsMaterial tls;
    private final ServedRepositories repositories;
    private final TrafficShaper traffic;
    private final String remote;
    /** Chosen by OPEN; a 1.0 proxy that sends none gets the agent's only repository. */
    private ServedRepository repository;
    private RepositoryStorage storage;
    private volatile Thread thread;
    private volatile boolean aborted;
    private FrameReader in;
    private FrameWriter out;
    private String peer;
    private BlockStoreSession session;
    private PointId pointId;
    private FileChannel upload;
    private long uploaded;
    private boolean tableUploaded;
    private PointId committed;

    SessionHandler(Socket plain, SSLContext context, TlsMaterial tls, ServedRepositories repositories,
                   TrafficShaper traffic) {
        this.plain = plain;
        this.context = context;
        this.tls = tls;
        this.repositories = repositories;
        this.traffic = traffic;
        this.remote = String.valueOf(plain.getRemoteSocketAddress());
    }

    void run() {
        thread = Thread.currentThread();
        try {
            try {
                handshake();
            } catch (IOException e) {
                LOG.warn("Connection from {}: {}", remote, aborted ? "the agent is shutting down" : TlsFailures.agentSide(tls, e));
                return;
            }
            String outcome = serveAndDescribe();
            LOG.info("Proxy {} at {} disconnected: {}; {} bytes received", peer, remote, outcome, in.bytesRead());
        } finally {
            closeQuietly();
        }
    }

    /** Ends the connection from another thread: the agent is shutting down. */
    void abort() {
        aborted = true;
        closeQuietly();
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    private void handshake() throws IOException {
        plain.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        TlsContexts.configureAgent(socket);
        socket.startHandshake();
        peer = ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        in = new FrameReader(socket.getInputStream());
        out = new FrameWriter(traffic.shape(socket.getOutputStream(), plain));
    }

    private String serveAndDescribe() {
        try {
            greet();
            plain.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            serve();
            return committed != null ? "committed restore point " + committed.shortForm()
                    : "the proxy closed the connection" + (session != null ? " before COMMIT; no restore point" : "");
        } catch (IOException | RepositoryException | RuntimeException e) {
            return aborted ? "stopped, the agent is shutting down" + nothingCommitted() : describeFailure(e);
        }
    }

    /** Tells the proxy why its session ends, where the connection still allows, and says it for the log. */
    private String describeFailure(Exception e) {
        if (e instanceof VersionMismatchException) {
            return refuse(ErrorCode.VERSION, e.getMessage());
        }
        if (e instanceof ProtocolException) {
            return refuse(ErrorCode.PROTOCOL, "The proxy sent " + e.getMessage() + "; the repository agent ends the"
                    + " connection." + nothingCommitted());
        }
        if (e instanceof RepositoryException) {
            return refuse(ErrorCode.REFUSED, e.getMessage());
        }
        if (isConnectionFailure(e)) {
            return "connection lost (" + e.getMessage() + ")" + nothingCommitted();
        }
        LOG.error("Storing the backup of proxy {} failed", peer, e);
        return refuse(ErrorCode.STORAGE, "The repository agent could not store the backup: " + e.getMessage()
                + nothingCommitted());
    }

    private void greet() throws IOException {
        Frame first = in.read();
        if (first == null) {
            throw new EOFException("closed before its greeting");
        }
        if (first.type() != FrameType.HELLO) {
            throw new ProtocolException("a " + first.type() + " frame where HELLO was due");
        }
        Hello hello = Hello.decode(first);
        if (hello.major() != DataMoverProtocol.MAJOR_VERSION) {
            throw new VersionMismatchException("This repository agent speaks data mover protocol "
                    + DataMoverProtocol.MAJOR_VERSION + "." + DataMoverProtocol.MINOR_VERSION + ", the proxy " + hello.version()
                    + " (" + hello.software() + "). Run the same major version of Bulwark on both.");
        }
        out.write(Hello.current(FrameType.WELCOME, SoftwareVersion.describe("repository agent")));
        LOG.info("Proxy {} at {} connected ({}, protocol {})", peer, remote, hello.software(), hello.version());
    }

    private void serve() throws IOException, RepositoryException {
        for (Frame frame = in.read(); frame != null; frame = in.read()) {
            switch (frame.type()) {
                case OPEN -> open(OpenRepository.decode(frame));
                case BEGIN_BACKUP -> begin(BeginBackup.decode(frame));
                case LIST_POINTS -> listPoints();
                case GET_TABLE -> sendTable(GetTable.decode(frame));
                case CLAIM -> claim(Claim.decode(frame));
                case STORE -> store(StoreBlob.decode(frame));
                case TABLE_DATA -> receiveTable(frame.payload());
                case TABLE_END -> endTable(TableEnd.decode(frame));
                case COMMIT -> commit(Commit.decode(frame));
                default -> throw new ProtocolException("a " + frame.type() + " frame, which only a repository agent sends");
            }
        }
    }

    private void open(OpenRepository open) throws IOException, RepositoryException {
        if (session != null || committed != null) {
            throw new ProtocolException("an OPEN after BEGIN_BACKUP");
        }
        repository = repositories.open(open.path());
        storage = repository.storage();
        if (open.path() != null) {
            LOG.info("Proxy {} opens the repository {}", peer, storage.layout().root());
        }
        out.write(new RepositoryFiles(storage.configFile(), storage.keyFile()));
    }

    /** The repository OPEN chose, or for a proxy that sent no OPEN the agent's only one. */
    private RepositoryStorage storage() throws IOException, RepositoryException {
        if (storage == null) {
            repository = repositories.open(null);
            storage = repository.storage();
        }
        return storage;
    }

    private void begin(BeginBackup begin) throws IOException, RepositoryException {
        if (session != null || committed != null) {
            throw new ProtocolException("a second BEGIN_BACKUP on one connection");
        }
        RepositoryStorage storage = storage();
        PointId id = PointId.fromBytes(begin.pointId());
        if (storage.pointFiles().exists(id) || Files.exists(storage.pointFiles().temporaryTable(id))) {
            throw new RepositoryException("Restore point " + id + " exists already.");
        }
        session = repository.startSession(this::notice);
        pointId = id;
        LOG.info("Proxy {} begins restore point {}", peer, id.shortForm());
        out.write(FrameType.BACKUP_STARTED);
    }

    private void notice(String message) {
        try {
            out.write(new Notice(message));
        } catch (IOException e) {
            // the connection is gone; the next read says so
        }
    }

    private void listPoints() throws IOException, RepositoryException {
        PointFiles points = storage().pointFiles();
        int count = 0;
        for (PointId id : points.list()) {
            byte[] meta;
            try {
                meta = points.readMeta(id);
            } catch (NoSuchFileException forgottenMeanwhile) {
                continue;
            }
            if (meta.length > DataMoverProtocol.MAX_FILE_BYTES) {
                throw new IOException("The metadata file of restore point " + id.shortForm() + " is " + meta.length
                        + " bytes long, too long to be one; the repository is damaged. Run ./bulwark verify on it.");
            }
            out.write(new PointFile(id.bytes(), meta));
            count++;
        }
        out.write(new PointsEnd(count));
    }

    private void sendTable(GetTable request) throws IOException, RepositoryException {
        PointId id = PointId.fromBytes(request.pointId());
        byte[] chunk = new byte[DataMoverProtocol.TABLE_CHUNK_BYTES];
        long sent = 0;
        try (InputStream table = Files.newInputStream(storage().pointFiles().table(id))) {
            for (int read = table.readNBytes(chunk, 0, chunk.length); read > 0; read = table.readNBytes(chunk, 0, chunk.length)) {
                out.write(FrameType.TABLE_DATA, chunk, 0, read);
                sent += read;
            }
        } catch (NoSuchFileException e) {
            throw new RepositoryException("The repository has no block table for restore point " + id.shortForm()
                    + ": it is damaged. Run ./bulwark verify on it.");
        }
        out.write(new TableEnd(sent));
    }

    private void claim(Claim claim) throws IOException {
        requireBackup(FrameType.CLAIM);
        List<Fingerprint> fingerprints = new ArrayList<>(claim.count());
        for (int i = 0; i < claim.count(); i++) {
            Fingerprint fingerprint = Fingerprint.of(claim.fingerprints(), i * Fingerprint.BYTES);
            if (fingerprint.isZeroBlock()) {
                throw new ProtocolException("a CLAIM for the all-zero fingerprint, which stands for a block of zeroes");
            }
            fingerprints.add(fingerprint);
        }
        out.write(new ClaimResult(claim.requestId(), session.claim(fingerprints)));
    }

    private void store(StoreBlob blob) throws IOException {
        requireBackup(FrameType.STORE);
        Fingerprint fingerprint = Fingerprint.of(blob.fingerprint(), 0);
        Codec codec;
        try {
            codec = Codec.of(blob.codec());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("a STORE frame with the unknown codec " + blob.codec());
        }
        int sealed = blob.sealed().length;
        if (blob.rawLength() < 1 || blob.rawLength() > MAX_BLOCK_BYTES || sealed < BlockCodec.OVERHEAD
                || sealed > BlockCodec.maxStoredLength(blob.rawLength())) {
            throw new ProtocolException("a STORE frame whose " + sealed + " sealed bytes cannot be a block of "
                    + blob.rawLength() + " bytes");
        }
        if (!session.holdsClaim(fingerprint)) {
            throw new ProtocolException("block " + fingerprint.shortForm() + ", which it had not been asked for");
        }
        session.store(new SealedBlob(fingerprint, codec, blob.rawLength(), blob.sealed(), sealed), () -> { });
    }

    private void receiveTable(byte[] chunk) throws IOException {
        requireBackup(FrameType.TABLE_DATA);
        if (tableUploaded) {
            throw new ProtocolException("TABLE_DATA after TABLE_END");
        }
        if (upload == null) {
            upload = FileChannel.open(storage.pointFiles().temporaryTable(pointId), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        }
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        while (buffer.hasRemaining()) {
            upload.write(buffer);
        }
        uploaded += chunk.length;
    }

    private void endTable(TableEnd end) throws IOException {
        requireBackup(FrameType.TABLE_END);
        if (upload == null || tableUploaded) {
            throw new ProtocolException("a TABLE_END without TABLE_DATA before it");
        }
        if (end.length() != uploaded) {
            throw new ProtocolException("a TABLE_END announcing " + end.length() + " bytes after " + uploaded);
        }
        upload.force(true);
        upload.close();
        tableUploaded = true;
    }

    /** Commits as a local backup does: packs and borrowed blocks durable, then the table, then the metadata. */
    private void commit(Commit commit) throws IOException {
        requireBackup(FrameType.COMMIT);
        if (!tableUploaded) {
            throw new ProtocolException("a COMMIT before its table");
        }
        try {
            storage.pointFiles().checkUpload(pointId, commit.meta());
        } catch (IOException e) {
            throw new ProtocolException("a table or metadata that is not restore point " + pointId.shortForm() + "'s");
        }
        session.finish();
        storage.pointFiles().commit(pointId, commit.meta());
        committed = pointId;
        endSession();
        out.write(FrameType.COMMITTED);
    }

    private void requireBackup(FrameType type) throws ProtocolException {
        if (session == null) {
            throw new ProtocolException("a " + type + " frame " + (committed != null ? "after COMMIT" : "before BEGIN_BACKUP"));
        }
    }

    private String refuse(ErrorCode code, String message) {
        try {
            // An exception's message may quote anything, at any length; the protocol carries 16 KiB of it.
            out.write(new Failure(code, message.length() > MAX_MESSAGE_CHARS ? message.substring(0, MAX_MESSAGE_CHARS) + "…"
                    : message));
        } catch (IOException e) {
            // the proxy is gone already; the log still says why
        }
        return "refused: " + message;
    }

    private String nothingCommitted() {
        return session != null ? " Nothing was committed." : "";
    }

    private void endSession() {
        repository.sessionEnded();
        session.close();
        session = null;
    }

    private void closeQuietly() {
        try {
            plain.close();
        } catch (IOException ignored) {
            // closing a socket that failed
        }
        if (thread == Thread.currentThread()) {
            releaseBackup();
        }
    }

    /** Drops what an unfinished backup left: its half-uploaded table, its claims and the lock. */
    private void releaseBackup() {
        try {
            if (upload != null) {
                upload.close();
            }
            if (session != null && committed == null) {
                Files.deleteIfExists(storage.pointFiles().temporaryTable(pointId));
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove the unfinished table of restore point {}: {}", pointId, e.getMessage());
        } finally {
            if (session != null) {
                endSession();
            }
        }
    }

    private static boolean isConnectionFailure(Exception e) {
        return e instanceof SocketException || e instanceof SSLException || e instanceof EOFException
                || e instanceof SocketTimeoutException;
    }

    /** The proxy speaks another major version of the protocol. */
    private static final class VersionMismatchException extends IOException {
        VersionMismatchException(String message) {
            super(message);
        }
    }
}
