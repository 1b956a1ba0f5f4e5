package io.bulwark.distribution;

import io.bulwark.distribution.driver.PackagedConsoleDriver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.testfx.api.FxRobot;

/**
 * Packs {@link PackagedConsoleDriver} with TestFX (and the Hamcrest it needs) into one agent jar,
 * from this test's own class path, so that the installed console can load it.
 */
final class DriverJar {
    private DriverJar() {
    }

    static Path write(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", PackagedConsoleDriver.class.getName());
        Set<String> written = new HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            Path classes = location(PackagedConsoleDriver.class);
            Path driverPackage = classes.resolve(PackagedConsoleDriver.class.getPackageName().replace('.', '/'));
            try (Stream<Path> files = Files.list(driverPackage)) {
                for (Path file : files.toList()) {
                    String name = classes.relativize(file).toString();
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(file, out);
                    written.add(name);
                }
            }
            for (Class<?> library : List.of(FxRobot.class, org.hamcrest.Matcher.class)) {
                copyJar(location(library), out, written);
            }
        }
        return jar;
    }

    private static void copyJar(Path source, OutputStream target, Set<String> written) throws IOException {
        JarOutputStream out = (JarOutputStream) target;
        try (JarFile jar = new JarFile(source.toFile())) {
            for (JarEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (entry.isDirectory() || name.startsWith("META-INF/") || !written.add(name)) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                try (InputStream in = jar.getInputStream(entry)) {
                    in.transferTo(out);
                }
            }
        }
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
