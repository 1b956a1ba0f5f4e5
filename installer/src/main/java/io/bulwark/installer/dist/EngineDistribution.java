package io.bulwark.installer.dist;

import io.bulwark.installer.FileTrees;
import io.bulwark.installer.bundle.RuntimeImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The engine's tarball and Debian package. Both hold the same folder, {@code /opt/bulwark/engine}:
 * a runtime, the engine and its libraries, the agent bundle it deploys, and a launcher. The
 * package adds a systemd unit that runs it as the system user {@code bulwark}, the settings in
 * {@code /etc/bulwark}, the data in {@code /var/lib/bulwark} and the log in {@code /var/log/bulwark}.
 */
final class EngineDistribution {
    static final String NAME = "bulwark-engine";
    private static final String RESOURCES = "/io/bulwark/installer/dist/engine/";
    /**
     * jdeps on the engine and its libraries, plus what they load by name: jdk.crypto.ec (TLS),
     * jdk.charsets, jdk.zipfs, jdk.naming.dns, and jdk.jcmd for thread dumps in support cases.
     */
    private static final RuntimeImage RUNTIME = new RuntimeImage(List.of("java.base", "java.compiler", "java.desktop",
            "java.instrument", "java.logging", "java.management", "java.naming", "java.net.http", "java.prefs",
            "java.rmi", "java.scripting", "java.security.jgss", "java.sql", "java.sql.rowset", "java.xml", "jdk.charsets",
            "jdk.crypto.ec", "jdk.jcmd", "jdk.jfr", "jdk.management", "jdk.naming.dns", "jdk.unsupported", "jdk.zipfs"),
            List.of());

    private EngineDistribution() {
    }

    /** Returns the files made in the output folder. */
    static List<Path> build(DistributionInputs in) throws IOException {
        Path work = in.work().resolve("engine");
        FileTrees.delete(work);
        Path tree = Files.createDirectories(work.resolve(NAME));

        Path runtime = in.work().resolve("runtimes/engine");
        RUNTIME.linkInto(runtime, in.work().resolve("runtimes/engine.stamp"));
        FileTrees.copy(runtime, tree.resolve("runtime"), false);
        Files.copy(in.engineJar(), tree.resolve("bulwark-backup-engine.jar"));
        FileTrees.copy(in.engineLib(), tree.resolve("lib"), false);
        FileTrees.copy(in.agentBundle(), tree.resolve("agent-bundle"), false);
        FileTrees.resource(RESOURCES + "bulwark-engine", tree.resolve("bin/bulwark-engine"), "rwxr-xr-x");
        FileTrees.resource(RESOURCES + "bulwark-engine.service", tree.resolve("share/bulwark-engine.service"), "rw-r--r--");
        Files.writeString(tree.resolve("README"), FileTrees.resourceText(RESOURCES + "README")
                .replace("@VERSION@", in.version()), StandardCharsets.UTF_8);
        Files.writeString(tree.resolve("VERSION"), in.version() + "\n", StandardCharsets.UTF_8);
        // Written by the engine itself, with the runtime just made: the file matches this engine's
        // settings, and a runtime that cannot start the engine fails the build here, not on a server.
        ExternalCommand.run(tree, List.of(tree.resolve("runtime/bin/java").toString(), "-cp", tree.resolve("bulwark-backup-engine.jar")
                .toString(), "io.bulwark.engine.settings.PackagedSettingsFile", tree.resolve("share/engine.properties")
                .toString()), "the runtime just made");
        String version = ExternalCommand.run(tree, List.of(tree.resolve("bin/bulwark-engine").toString(), "--version"),
                "the launcher just made");
        if (!version.contains(in.version())) {
            throw new IOException("The packaged engine reports '" + version.strip() + "', not version " + in.version());
        }

        List<Path> made = new ArrayList<>();
        made.add(Tarball.create(tree, in.output().resolve(NAME + "-" + in.version() + "-linux-"
                + RuntimeImage.ARCHITECTURE + ".tar.gz")));

        Path root = work.resolve("deb");
        FileTrees.copy(tree, Files.createDirectories(root.resolve("opt/bulwark/engine")), true);
        Files.createDirectories(root.resolve("lib/systemd/system"));
        // A copy, not a link: inside a package a hard link would tie /lib to /opt, which may be another filesystem.
        Files.copy(tree.resolve("share/bulwark-engine.service"), root.resolve("lib/systemd/system/bulwark-engine.service"));
        Files.createDirectories(root.resolve("etc/bulwark"));
        Files.copy(tree.resolve("share/engine.properties"), root.resolve("etc/bulwark/engine.properties"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("usr/bin/bulwark-engine"), Path.of("/opt/bulwark/engine/bin/bulwark-engine"));
        DebianPackage deb = new DebianPackage(NAME, in.version(), "passwd",
                List.of("Bulwark backup engine (the backup server)",
                        "The headless backup server of Bulwark: configuration database, REST API for the",
                        "console, job scheduling and the agents it installs on managed hosts. It runs as",
                        "the systemd service bulwark-engine under the system user bulwark, with its own",
                        "Java runtime."),
                Map.of("postinst", FileTrees.resourceText(RESOURCES + "postinst"),
                        "prerm", FileTrees.resourceText(RESOURCES + "prerm"),
                        "postrm", FileTrees.resourceText(RESOURCES + "postrm")),
                List.of("/etc/bulwark/engine.properties"));
        made.add(deb.build(root, in.output()));
        return made;
    }
}
