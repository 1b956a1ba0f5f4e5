package io.bulwark.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A make-believe managed host for tests: the real installer script run by {@code /bin/sh} with
 * {@code BULWARK_ROOT} pointing into a temporary directory, and a fake agent bundle whose "Java
 * runtime" is a small shell script, so that the service can be started and stopped in
 * milliseconds.
 *
 * <p>Every run checks the output contract, so each test also tests that. {@link #close()} stops
 * whatever the script started: a failed test must not leave agents behind.
 */
final class ScriptHost implements AutoCloseable {
    static final String FAKE_CSR = """
            -----BEGIN CERTIFICATE REQUEST-----
            TUlJQ0ZBS0VSRVFVRVNU
            -----END CERTIFICATE REQUEST-----
            """;

    /**
     * The runtime's launcher in the fake bundle. It answers the two agent commands the installer
     * runs; {@code run} becomes a sleep so that there is a process to supervise, and the key
     * holds the time so that a test can tell a regenerated key from the old one.
     */
    static final String FAKE_JAVA = """
            #!/bin/sh
            # JVM options come first; a fake runtime has no use for them.
            while [ $# -gt 0 ] && case $1 in -X*) true ;; *) false ;; esac; do shift; done
            case "$3 $4" in
            "agent keygen")
                umask 077
                printf 'FAKE PRIVATE KEY %s-%s\\n' "$(date +%s%N)" "$$" >"$6/agent.key"
                cat >"$6/agent.csr" <<'CSR'
            """ + FAKE_CSR + """
            CSR
                ;;
            "agent run")
                echo "fake agent $$ with config $6"
                exec sleep 600
                ;;
            *)
                echo "fake java: unexpected arguments: $*" >&2
                exit 2
                ;;
            esac
            """;

    /** What a host has before Bulwark comes: removal must leave these, empty. */
    static final List<String> SKELETON = List.of("opt", "etc", "var", "var/lib", "var/log", "run");

    private static final Pattern PAIR = Pattern.compile("[a-z0-9_.]+=.*");

    final Path root;
    final Path work;
    final Path script;
    final Path staging;
    private final Map<String, String> environment = new HashMap<>();
    private final Set<Long> seenPids = new LinkedHashSet<>();

    ScriptHost(Path root, Path work) throws IOException {
        this.root = root;
        this.work = work;
        this.script = work.resolve(InstallerScript.FILE_NAME);
        this.staging = work.resolve("staging");
        Files.write(script, InstallerScript.bytes());
        for (String directory : SKELETON) {
            Files.createDirectories(root.resolve(directory));
        }
        environment.put("BULWARK_ROOT", root.toString());
    }

    void setEnvironment(String name, String value) {
        environment.put(name, value);
    }

    /** One run of the script. */
    record Run(int exit, String stdout, String stderr) {
        InstallerOutput output() {
            return InstallerOutput.parse(stdout);
        }

        String value(String key) {
            return output().first(key);
        }

        String error() {
            return output().error();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    Run run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", script.toString()));
        command.addAll(Arrays.asList(arguments));
        return execute(command, null);
    }

    /** Runs another copy of the script, as init runs the one start put in /etc/init.d. */
    Run runCopy(Path copy, String... arguments) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", copy.toString()));
        command.addAll(Arrays.asList(arguments));
        return execute(command, null);
    }

    /** Runs the script as another user, fed on stdin: that user cannot read the temp dir. */
    Run runWithPrefix(List<String> prefix, String... arguments) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/bin/sh", "-s", "--"));
        command.addAll(Arrays.asList(arguments));
        return execute(command, script);
    }

    private Run execute(List<String> command, Path stdin) {
        try {
            Path out = Files.createTempFile(work, "stdout", ".txt");
            Path err = Files.createTempFile(work, "stderr", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(Path.of("/").toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            if (stdin != null) {
                builder.redirectInput(stdin.toFile());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the installer did not finish within 30 s: " + command);
            }
            Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            checkContract(run);
            notePids(run);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void checkContract(Run run) {
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).as("stdout holds only key=value lines\n%s", run)
                .allMatch(line -> PAIR.matcher(line).matches());
        if (run.exit() != 0) {
            assertThat(lines).as("a failure ends with error=\n%s", run).isNotEmpty();
            assertThat(lines.getLast()).as("a failure ends with error=\n%s", run).startsWith("error=");
        }
    }

    private void notePids(Run run) {
        for (String key : List.of("pid", "supervisor.pid")) {
            String value = run.output().first(key);
            if (value != null && !value.isEmpty()) {
                seenPids.add(Long.parseLong(value));
            }
        }
    }

    // --- the bundle -------------------------------------------------------------------------

    /** Writes a fake bundle into the staging directory, with its MANIFEST; returns the manifest. */
    BundleManifest stageBundle(String jarContent) throws IOException {
        writeFile(staging.resolve("runtime/bin/java"), FAKE_JAVA);
        Files.setPosixFilePermissions(staging.resolve("runtime/bin/java"),
                PosixFilePermissions.fromString("rwxr-xr-x"));
        writeFile(staging.resolve("runtime/lib/modules"), "the runtime's modules");
        writeFile(staging.resolve("runtime/conf/security/java.security"), "securerandom.source=file:/dev/urandom\n");
        writeFile(staging.resolve("lib/bulwark-agent.jar"), jarContent);
        BundleManifest manifest = BundleManifest.scan(staging);
        Files.writeString(staging.resolve(BundleManifest.FILE_NAME), manifest.format());
        return manifest;
    }

    static void writeFile(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    Path bundle() {
        return root.resolve("opt/bulwark/agent");
    }

    Path confDir() {
        return root.resolve("etc/bulwark/agent");
    }

    Path pidFile() {
        return root.resolve("run/bulwark-agent.pid");
    }

    Path childPidFile() {
        return root.resolve("run/bulwark-agent.child.pid");
    }

    // --- processes ---------------------------------------------------------------------------

    /** Remembers a process so that {@link #close()} makes sure it is gone. */
    void track(long pid) {
        seenPids.add(pid);
    }

    Set<Long> seenPids() {
        return Set.copyOf(seenPids);
    }

    /** Alive and not a zombie: a zombie of a setsid'd supervisor may wait a while for init. */
    static boolean alive(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            String state = text.substring(text.lastIndexOf(')') + 2, text.lastIndexOf(')') + 3);
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException e) {
            return false;
        }
    }

    static long parentOf(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[1]);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The paths under the root that are not the empty skeleton a host had before. */
    List<String> leftovers() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root))
                    .map(p -> root.relativize(p).toString())
                    .filter(p -> !SKELETON.contains(p))
                    .sorted()
                    .toList();
        }
    }

    /** Deletes the skeleton; fails if anything is left inside it. */
    void deleteSkeleton() throws IOException {
        List<String> deepestFirst = new ArrayList<>(SKELETON);
        deepestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String directory : deepestFirst) {
            Files.deleteIfExists(root.resolve(directory));
        }
    }

    @Override
    public void close() {
        for (Path file : List.of(pidFile(), childPidFile())) {
            try {
                if (Files.exists(file)) {
                    seenPids.add(Long.parseLong(Files.readString(file).strip()));
                }
            } catch (IOException | NumberFormatException e) {
                // a half-written PID file: nothing to learn from it
            }
        }
        for (long pid : List.copyOf(seenPids)) {
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> seenPids.add(d.pid())));
        }
        if (seenPids.stream().anyMatch(ScriptHost::alive) && Files.exists(script)) {
            run("stop");
        }
        for (long pid : seenPids) {
            if (alive(pid) && ours(pid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    /** Guards against killing a stranger that got a recycled PID. */
    private static boolean ours(long pid) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            return cmdline.contains("bulwark-supervisor") || cmdline.startsWith("sleep ");
        } catch (IOException e) {
            return false;
        }
    }
}
