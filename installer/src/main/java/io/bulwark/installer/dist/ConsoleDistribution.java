package io.bulwark.installer.dist;

import io.bulwark.installer.FileTrees;
import io.bulwark.installer.bundle.RuntimeImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * The console for admins' workstations: a jpackage application image with its own runtime, JavaFX
 * linked into it, as a tarball and as a Debian package with a menu entry and the shield icon.
 * Nothing else is needed on the workstation but a desktop.
 */
final class ConsoleDistribution {
    static final String NAME = "bulwark-console";
    private static final String RESOURCES = "/io/bulwark/installer/dist/console/";
    private static final String ICONS = "io/bulwark/assets/icons/bulwark-";
    private static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256);
    /**
     * jdeps on the console and its libraries. java.instrument lets a Java agent be attached through
     * JAVA_TOOL_OPTIONS, for support tools and for the package's own test, which drives the
     * installed console that way.
     */
    private static final List<String> MODULES = List.of("java.base", "java.desktop", "java.instrument", "java.logging",
            "java.naming", "java.net.http", "java.sql", "jdk.charsets", "jdk.crypto.ec", "jdk.unsupported",
            "javafx.base", "javafx.graphics", "javafx.controls");

    private ConsoleDistribution() {
    }

    static List<Path> build(DistributionInputs in) throws IOException {
        Path work = in.work().resolve("console");
        FileTrees.delete(work);
        Path input = Files.createDirectories(work.resolve("input"));
        List<Path> javafx = new ArrayList<>();
        Files.copy(in.consoleJar(), input.resolve("bulwark-console-app.jar"));
        try (Stream<Path> jars = Files.list(in.consoleLib())) {
            for (Path jar : jars.sorted().toList()) {
                String name = jar.getFileName().toString();
                if (name.startsWith("javafx-")) {
                    // The platform jars are the modules; the others are empty placeholders Maven resolves.
                    if (name.endsWith("-linux.jar")) {
                        javafx.add(jar);
                    }
                } else {
                    Files.copy(jar, input.resolve(name));
                }
            }
        }
        if (javafx.size() < 3) {
            throw new IOException("JavaFX's Linux jars are missing from " + in.consoleLib() + ": build console-app first.");
        }
        Path runtime = in.work().resolve("runtimes/console");
        new RuntimeImage(MODULES, javafx).linkInto(runtime, in.work().resolve("runtimes/console.stamp"));

        Path icons = Files.createDirectories(work.resolve("icons"));
        try (ZipFile assets = new ZipFile(in.assetsJar().toFile())) {
            for (int size : ICON_SIZES) {
                var entry = assets.getEntry(ICONS + size + ".png");
                if (entry == null) {
                    throw new IOException("The assets jar lacks the " + size + " px icon " + ICONS + size + ".png");
                }
                try (InputStream png = assets.getInputStream(entry)) {
                    Files.copy(png, icons.resolve(size + ".png"));
                }
            }
        }

        Path images = work.resolve("image");
        jpackage(List.of("--type", "app-image", "--name", NAME, "--dest", images.toString(),
                "--input", input.toString(), "--main-jar", "bulwark-console-app.jar",
                "--main-class", "io.bulwark.console.ConsoleMain", "--runtime-image", runtime.toString(),
                "--icon", icons.resolve("256.png").toString(), "--app-version", numericVersion(in.version()),
                "--vendor", "Bulwark", "--description", "Bulwark backup console",
                "--java-options", "--enable-native-access=javafx.graphics"));
        Path image = images.resolve(NAME);
        // The launcher parses its options before JavaFX starts, so --help runs without a display.
        String help = ExternalCommand.run(image, List.of(image.resolve("bin/" + NAME).toString(), "--help"),
                "the launcher jpackage just made");
        if (!help.contains("--engine")) {
            throw new IOException("The packaged console does not start: " + help.strip());
        }

        List<Path> made = new ArrayList<>();
        made.add(Tarball.create(image, in.output().resolve(NAME + "-" + in.version() + "-linux-"
                + RuntimeImage.ARCHITECTURE + ".tar.gz")));

        Path root = work.resolve("deb");
        FileTrees.copy(image, Files.createDirectories(root.resolve("opt/bulwark/console")), true);
        FileTrees.resource(RESOURCES + NAME + ".desktop", root.resolve("usr/share/applications/" + NAME + ".desktop"),
                "rw-r--r--");
        for (int size : ICON_SIZES) {
            Path target = Files.createDirectories(root.resolve("usr/share/icons/hicolor/" + size + "x" + size + "/apps"));
            Files.copy(icons.resolve(size + ".png"), target.resolve(NAME + ".png"));
        }
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("usr/bin/" + NAME), Path.of("/opt/bulwark/console/bin/" + NAME));
        DebianPackage deb = new DebianPackage(NAME, in.version(),
                "libgtk-3-0 | libgtk-3-0t64, libgl1, libxtst6, libxxf86vm1, fontconfig",
                List.of("Bulwark backup console (remote administration)",
                        "The desktop console of Bulwark, for admins' workstations: it connects to one or",
                        "more Bulwark engines over HTTPS, pinning each engine's certificate, and manages",
                        "their servers, proxies, repositories, jobs and restores. It brings its own Java",
                        "runtime and JavaFX."),
                Map.of("postinst", FileTrees.resourceText(RESOURCES + "postinst"),
                        "postrm", FileTrees.resourceText(RESOURCES + "postrm")),
                List.of());
        made.add(deb.build(root, in.output()));
        return made;
    }

    /** jpackage wants digits and dots: 0.1.0-SNAPSHOT is 0.1.0 to it (the packages keep the full version). */
    static String numericVersion(String version) {
        int dash = version.indexOf('-');
        return dash < 0 ? version : version.substring(0, dash);
    }

    private static void jpackage(List<String> arguments) throws IOException {
        ToolProvider jpackage = ToolProvider.findFirst("jpackage").orElseThrow(() -> new IOException(
                "jpackage is missing: build with a full JDK 25 (not a JRE), for example Eclipse Temurin 25."));
        StringWriter messages = new StringWriter();
        int status = jpackage.run(new PrintWriter(messages), new PrintWriter(messages), arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IOException("jpackage failed (" + status + "): " + messages);
        }
    }
}
