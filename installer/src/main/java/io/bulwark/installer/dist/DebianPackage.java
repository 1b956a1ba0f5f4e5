package io.bulwark.installer.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Debian package made from a folder laid out as the target's root, with dpkg-deb. Everything
 * in it is owned by root ({@code --root-owner-group}, so no fakeroot is needed); the maintainer
 * scripts give the service's own files to its user.
 *
 * @param name        the package name
 * @param version     the product version; {@link #debianVersion} turns it into Debian's form
 * @param depends     the Depends field, or empty
 * @param description the one-line summary, then the long description's lines
 * @param scripts     maintainer scripts by name (postinst, prerm, postrm)
 * @param conffiles   absolute paths of files dpkg keeps the admin's changes to
 */
record DebianPackage(String name, String version, String depends, List<String> description, Map<String, String> scripts,
                     List<String> conffiles) {
    static final String ARCHITECTURE = "amd64";
    private static final String MAINTAINER = "Bulwark developers <packaging@bulwark.example>";

    /**
     * Debian's form of a Maven version: a pre-release part goes after {@code ~}, which sorts before
     * the release, so 0.1.0~snapshot upgrades to 0.1.0.
     */
    static String debianVersion(String version) {
        int dash = version.indexOf('-');
        return dash < 0 ? version : version.substring(0, dash) + "~" + version.substring(dash + 1).toLowerCase(Locale.ROOT)
                .replace('-', '.');
    }

    String fileName() {
        return name + "_" + debianVersion(version) + "_" + ARCHITECTURE + ".deb";
    }

    /** Writes DEBIAN/ into {@code root} and builds the package into {@code outputDirectory}. */
    Path build(Path root, Path outputDirectory) throws IOException {
        Path control = Files.createDirectories(root.resolve("DEBIAN"));
        StringBuilder text = new StringBuilder()
                .append("Package: ").append(name).append('\n')
                .append("Version: ").append(debianVersion(version)).append('\n')
                .append("Architecture: ").append(ARCHITECTURE).append('\n')
                .append("Maintainer: ").append(MAINTAINER).append('\n')
                .append("Installed-Size: ").append(installedKibibytes(root)).append('\n')
                .append("Section: admin\nPriority: optional\n");
        if (!depends.isEmpty()) {
            text.append("Depends: ").append(depends).append('\n');
        }
        text.append("Description: ").append(description.getFirst()).append('\n');
        for (String line : description.subList(1, description.size())) {
            text.append(' ').append(line.isEmpty() ? "." : line).append('\n');
        }
        Files.writeString(control.resolve("control"), text, StandardCharsets.UTF_8);
        if (!conffiles.isEmpty()) {
            Files.writeString(control.resolve("conffiles"), String.join("\n", conffiles) + "\n", StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            Path file = control.resolve(script.getKey());
            Files.writeString(file, script.getValue(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path deb = outputDirectory.resolve(fileName());
        Files.deleteIfExists(deb);
        // gzip rather than dpkg's default xz: three times faster to build, and the runtimes are compressed already.
        ExternalCommand.run(root.getParent(), List.of("dpkg-deb", "--root-owner-group", "-Zgzip", "--build",
                root.toString(), deb.toString()), "apt-get install dpkg");
        return deb;
    }

    private static long installedKibibytes(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sum();
            return (bytes + 1023) / 1024;
        }
    }
}
