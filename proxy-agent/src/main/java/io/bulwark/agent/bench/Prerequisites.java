package io.bulwark.agent.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/** The programs the benchmark runs besides Bulwark, and the Debian packages that install them. */
final class Prerequisites {
    /** GNU time, at the path Debian's package puts it: the shell's time keyword cannot report peak RSS. */
    static final String GNU_TIME = "/usr/bin/time";

    /** A program, by name on PATH or by absolute path, and its package. */
    record Program(String name, String debianPackage) {
    }

    static final List<Program> REQUIRED = List.of(
            new Program("restic", "restic"),
            new Program("borg", "borgbackup"),
            new Program("qemu-img", "qemu-utils"),
            new Program("qemu-io", "qemu-utils"),
            new Program("qemu-nbd", "qemu-utils"),
            new Program(GNU_TIME, "time"));

    private Prerequisites() {
    }

    /** The packages to install, each once, in the order of {@link #REQUIRED}; empty when all is there. */
    static List<String> missingPackages(Predicate<String> installed) {
        return REQUIRED.stream().filter(program -> !installed.test(program.name())).map(Program::debianPackage)
                .distinct().toList();
    }

    /** Whether a program is an executable file: at its absolute path, or in a directory on PATH. */
    static boolean onPath(String program) {
        if (program.startsWith("/")) {
            return Files.isExecutable(Path.of(program));
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
