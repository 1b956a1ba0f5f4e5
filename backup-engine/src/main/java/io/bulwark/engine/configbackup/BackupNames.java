package io.bulwark.engine.configbackup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The names configuration backups get: a UTC time stamp that sorts, and the file extension. */
final class BackupNames {
    static final String EXTENSION = ".bcb";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private BackupNames() {
    }

    static String stamp(Instant at) {
        return STAMP.format(at);
    }

    /** The name of an export, as the API's answer offers it for saving. */
    static String export(String host, Instant at) {
        return "bulwark-configuration-" + host.replaceAll("[^A-Za-z0-9.-]", "_") + "-" + stamp(at) + EXTENSION;
    }

    static String beforeSchema(String targetVersion, Instant at) {
        return "before-schema-" + targetVersion + "-" + stamp(at) + EXTENSION;
    }

    static String beforeImportFolder(Instant at) {
        return "before-import-" + stamp(at);
    }
}
