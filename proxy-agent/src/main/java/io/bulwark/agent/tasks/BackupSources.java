package io.bulwark.agent.tasks;

import io.bulwark.agent.nbd.NbdSource;
import io.bulwark.agent.nbd.NbdTls;
import io.bulwark.agent.nbd.NbdUri;
import io.bulwark.agent.remote.TlsMaterial;
import io.bulwark.agent.source.DiskSource;
import io.bulwark.agent.source.RawFileSource;
import io.bulwark.protocol.control.DiskSourceSpec;
import io.bulwark.protocol.inventory.DiskFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** Opens what a {@link DiskSourceSpec} names, in the transport mode the engine chose. */
final class BackupSources {
    private final QemuTools qemu;
    private final TlsMaterial tls;
    private final UnaryOperator<DiskSource> filter;

    /**
     * @param tls    this agent's TLS files; their CA checks an {@code nbds} export's certificate
     * @param filter wraps every opened disk (tests slow it down); identity in the agent
     */
    BackupSources(QemuTools qemu, TlsMaterial tls, UnaryOperator<DiskSource> filter) {
        this.qemu = qemu;
        this.tls = tls;
        this.filter = filter;
    }

    PreparedSource open(DiskSourceSpec spec, Consumer<String> log) throws IOException {
        if (spec == null || spec.kind() == null) {
            throw new IllegalArgumentException("The backup order names no source disk.");
        }
        return switch (spec.kind()) {
            case FILE -> openFile(spec, log);
            case NBD -> new PreparedSource.Plain(filter.apply(openNbd(spec, log)));
        };
    }

    private PreparedSource openFile(DiskSourceSpec spec, Consumer<String> log) throws IOException {
        if (spec.path() == null || !Path.of(spec.path()).isAbsolute()) {
            throw new IllegalArgumentException("A file source needs the image's absolute path, not '" + spec.path() + "'.");
        }
        Path image = Path.of(spec.path());
        if (spec.format() == DiskFormat.QCOW2) {
            return Qcow2ImageSource.open(qemu.qemuImg(), qemu.qemuNbd(), image, spec.readBitmap(), spec.addBitmap(), log,
                    filter);
        }
        log.accept("Reading the raw image " + image + " directly; its holes are skipped without a read.");
        return new PreparedSource.Plain(filter.apply(RawFileSource.open(image)));
    }

    private DiskSource openNbd(DiskSourceSpec spec, Consumer<String> log) throws IOException {
        NbdUri uri = spec.nbdTls() ? NbdUri.tls(spec.nbdHost(), spec.nbdPort(), spec.nbdExport())
                : NbdUri.tcp(spec.nbdHost(), spec.nbdPort(), spec.nbdExport());
        if (spec.nbdTls() && tls == null) {
            throw new IOException("The export " + uri + " wants TLS, and this agent has no CA to check its certificate"
                    + " with. Reinstall the agent from the console so that it gets the engine's CA.");
        }
        log.accept("Reading the NBD export " + uri + (spec.readBitmap() == null ? ", all of it"
                : ", only what its dirty bitmap " + spec.readBitmap() + " marks as changed") + ".");
        // The agent's own certificate too: the engine's exports accept only clients its CA vouches for.
        return NbdSource.open(uri, spec.nbdTls() ? NbdTls.trusting(tls.ca()).withClientCertificate(tls.certificate(),
                tls.key()) : null, spec.readBitmap());
    }
}
