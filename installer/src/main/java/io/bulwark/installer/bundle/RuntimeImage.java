package io.bulwark.installer.bundle;

import io.bulwark.installer.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * A Java runtime made with jlink for one of Bulwark's parts, so that no host needs a Java of its
 * own. Linking takes several seconds, so an image is made again only when the JDK, the modules or
 * the module path changed: a stamp beside the image records what it was made from.
 *
 * @param modules    the modules to link (jdeps on the part's jars says which)
 * @param modulePath modular jars to link beside the JDK's own modules (JavaFX for the console)
 */
public record RuntimeImage(List<String> modules, List<Path> modulePath) {
    /** The architecture Bulwark's runtimes are built for, as {@code uname -m} names it. */
    public static final String ARCHITECTURE = "x86_64";

    public RuntimeImage {
        modules = List.copyOf(modules);
        modulePath = List.copyOf(modulePath);
    }

    /** Refuses to build on another architecture: the images would be for the build host's, not x86_64. */
    public static void requireSupportedBuildHost() throws IOException {
        String arch = System.getProperty("os.arch");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            throw new IOException("Bulwark's runtimes and packages are built for " + ARCHITECTURE + " only, and this "
                    + "build host is " + arch + ". Build on an x86_64 Linux host.");
        }
    }

    /**
     * Makes the image in {@code output}, or leaves the one there when it was made from the same inputs.
     *
     * @param stampFile where to record the inputs: outside whatever ships, since it is the build's, not the host's
     */
    public void linkInto(Path output, Path stampFile) throws IOException {
        requireSupportedBuildHost();
        String stamp = Runtime.version() + " " + System.getProperty("os.arch") + " " + String.join(",", modules)
                + " " + modulePath + "\n";
        if (Files.isExecutable(output.resolve("bin/java")) && Files.isRegularFile(stampFile)
                && Files.readString(stampFile).equals(stamp)) {
            return;
        }
        FileTrees.delete(output);
        Files.deleteIfExists(stampFile);
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IOException(
                "jlink is missing: build with a full JDK 25 (not a JRE), for example Eclipse Temurin 25."));
        List<String> arguments = new ArrayList<>();
        if (!modulePath.isEmpty()) {
            arguments.addAll(List.of("--module-path",
                    String.join(java.io.File.pathSeparator, modulePath.stream().map(Path::toString).toList())));
        }
        arguments.addAll(List.of("--add-modules", String.join(",", modules), "--strip-debug", "--no-header-files",
                "--no-man-pages", "--compress", "zip-6", "--output", output.toString()));
        StringWriter messages = new StringWriter();
        int status = jlink.run(new PrintWriter(messages), new PrintWriter(messages), arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IOException("jlink failed (" + status + "): " + messages);
        }
        Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
    }
}
