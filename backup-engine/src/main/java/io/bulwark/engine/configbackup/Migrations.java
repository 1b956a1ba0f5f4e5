package io.bulwark.engine.configbackup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationVersion;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** What schema versions this build knows, read from its migrations without touching any database. */
final class Migrations {
    private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__.*\\.sql");

    private Migrations() {
    }

    /** The newest schema version this build's migrations make. */
    static MigrationVersion latestKnown() {
        MigrationVersion latest = null;
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:db/migration/V*__*.sql")) {
                Matcher m = VERSIONED.matcher(resource.getFilename() == null ? "" : resource.getFilename());
                if (m.matches()) {
                    MigrationVersion version = MigrationVersion.fromVersion(m.group(1).replace('_', '.'));
                    if (latest == null || version.compareTo(latest) > 0) {
                        latest = version;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list this build's database migrations", e);
        }
        if (latest == null) {
            throw new IllegalStateException("This build has no database migrations on its class path");
        }
        return latest;
    }

    static boolean newerThanKnown(String version) {
        return MigrationVersion.fromVersion(version).compareTo(latestKnown()) > 0;
    }
}
