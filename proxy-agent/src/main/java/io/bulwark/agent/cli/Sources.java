package io.bulwark.agent.cli;

import io.bulwark.agent.nbd.NbdSource;
import io.bulwark.agent.nbd.NbdTls;
import io.bulwark.agent.nbd.NbdUri;
import io.bulwark.agent.source.DiskSource;
import io.bulwark.agent.source.RawFileSource;
import java.io.IOException;
import java.nio.file.Path;

/** Opens what {@code --source} names: a raw image file, or an NBD export. */
class Sources {
    DiskSource open(String spec, String bitmap, String nbdCa) throws IOException, UsageException {
        if (isNbd(spec)) {
            NbdUri uri;
            try {
                uri = NbdUri.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            if (uri.tls() && nbdCa == null) {
                throw new UsageException(spec + " needs TLS: give the CA certificate the server's is signed by with --nbd-ca FILE.");
            }
            return NbdSource.open(uri, nbdCa == null ? null : NbdTls.trusting(Path.of(nbdCa)), bitmap);
        }
        if (bitmap != null) {
            throw new UsageException("--bitmap needs an NBD source (nbd://HOST:PORT/EXPORT): a file has no dirty bitmap.");
        }
        return RawFileSource.open(Path.of(spec));
    }

    /** The disk name a source gets when --disk is not given: the file's name, or the export's. */
    String defaultDiskName(String spec) {
        if (isNbd(spec)) {
            String path = spec.replaceFirst("^[a-z+]+://[^/]*", "").replaceFirst("\\?.*$", "");
            String export = path.startsWith("/") ? path.substring(1) : path;
            return export.isEmpty() ? "nbd" : export;
        }
        Path file = Path.of(spec).getFileName();
        return file == null ? spec : file.toString();
    }

    static boolean isNbd(String spec) {
        return spec.startsWith("nbd://") || spec.startsWith("nbds://") || spec.startsWith("nbd+unix://");
    }
}
