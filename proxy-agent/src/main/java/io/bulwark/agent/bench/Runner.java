package io.bulwark.agent.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs the benchmark's external programs, each as a process of its own with a bounded wait, its
 * stdin empty and its output in a log file under the work directory. A failure is reported with
 * the command line, its exit status and the end of its output. Every process it started that is
 * still running when it closes, or when the JVM exits (Ctrl-C), is stopped by PID, children first.
 */
final class Runner implements AutoCloseable {
    /** Set in the environment only by the one step that shows what the warm-up is worth. */
    static final String CRYPTO_WARMUP_VARIABLE = "BULWARK_CRYPTO_WARMUP";
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int OUTPUT_TAIL = 3000;
    private static final File NO_INPUT = new File("/dev/null");

    /** A timed run: its measurement and what it printed on stdout. */
    record Timed(Measurement measurement, String stdout) {
    }

    private final Path logs;
    private final Duration timeout;
    private final String timeProgram;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Thread stopAtExit = new Thread(this::stopAll, "bench-stop-children");
    private int sequence;

    Runner(Path logs, Duration timeout, String timeProgram) throws IOException {
        this.logs = Files.createDirectories(logs);
        this.timeout = timeout;
        this.timeProgram = timeProgram;
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Runs an untimed command to its end and returns its stdout. */
    String run(ExternalCommand command) throws StepFailedException {
        return execute(command, false).stdout();
    }

    /**
     * Runs a command under GNU time: the wall clock is taken here, around the whole process, at
     * nanosecond resolution (GNU time's own %e has 10 ms); GNU time reports the peak RSS and the
     * process's CPU time, which, against /proc/stat, shows what other processes took meanwhile.
     */
    Timed timed(ExternalCommand command) throws StepFailedException {
        Completed completed = execute(command, true);
        TimeOutput time;
        try {
            time = TimeOutput.parse(Files.readString(completed.timeFile()));
        } catch (IOException | IllegalArgumentException e) {
            throw new StepFailedException(command.label() + ": cannot read what GNU time wrote to " + completed.timeFile()
                    + ": " + e.getMessage(), e);
        }
        double wall = completed.wallNanos() / 1e9;
        double others = Measurement.othersShare(completed.busySeconds(), time.cpuSeconds(), wall,
                Runtime.getRuntime().availableProcessors());
        return new Timed(new Measurement(wall, time.peakRssKib(), others), completed.stdout());
    }

    /** Starts a server that runs until {@link #stop(Process)}; its output goes to a log, which is returned too. */
    Started start(ExternalCommand command) throws StepFailedException {
        Path log = logs.resolve(String.format(Locale.ROOT, "%02d-%s.log", ++sequence, slug(command.label())));
        try {
            Process process = builder(command, command.words()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            running.add(process);
            return new Started(process, log);
        } catch (IOException e) {
            throw new StepFailedException(command.label() + ": cannot start " + command.commandLine() + ": " + e.getMessage(), e);
        }
    }

    /** A server started by {@link #start}, and the file its output goes to. */
    record Started(Process process, Path log) {
    }

    /** Stops a process by PID, its children first: SIGTERM, then SIGKILL after a grace period. */
    void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        running.remove(process);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down, and the hook is doing the same work.
        }
    }

    private void stopAll() {
        List.copyOf(running).forEach(this::stop);
    }

    /**
     * A command that exited with status 0; {@code timeFile} is GNU time's output when it was timed, and
     * {@code busySeconds} the CPU time the machine spent meanwhile, less what the servers started
     * here spent.
     */
    private record Completed(String stdout, long wallNanos, Path timeFile, double busySeconds) {
    }

    private Completed execute(ExternalCommand command, boolean timed) throws StepFailedException {
        String name = String.format(Locale.ROOT, "%02d-%s", ++sequence, slug(command.label()));
        Path out = logs.resolve(name + ".out");
        Path err = logs.resolve(name + ".err");
        Path timeFile = timed ? logs.resolve(name + ".time") : null;
        List<String> words = new ArrayList<>();
        if (timed) {
            words.addAll(TimeOutput.prefix(timeProgram, timeFile.toString()));
        }
        words.addAll(command.words());
        Process process;
        CpuSample cpuBefore = cpuSample();
        double serversBefore = serversCpuSeconds();
        long started = System.nanoTime();
        try {
            process = builder(command, words).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new StepFailedException(command.label() + ": cannot start " + command.commandLine() + ": " + e.getMessage(), e);
        }
        running.add(process);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new StepFailedException(command.label() + " did not finish within " + timeout.toMinutes()
                        + " minutes and was stopped.\n" + describe(command, out, err));
            }
            long wall = System.nanoTime() - started;
            running.remove(process);
            // The step's own server (qemu-nbd) works for it: its CPU time is not someone else's.
            double busy = cpuSample().busySecondsSince(cpuBefore) - (serversCpuSeconds() - serversBefore);
            if (process.exitValue() != 0) {
                throw new StepFailedException(command.label() + " failed with exit status " + process.exitValue() + ".\n"
                        + describe(command, out, err) + (timeFile == null ? "" : tail("GNU time", timeFile)));
            }
            return new Completed(Files.readString(out), wall, timeFile, busy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new StepFailedException(command.label() + " was interrupted.", e);
        } catch (IOException e) {
            throw new StepFailedException(command.label() + ": cannot read its output in " + out + ": " + e.getMessage(), e);
        }
    }

    /** The CPU time of the servers started here that still run, such as qemu-nbd. */
    private double serversCpuSeconds() {
        return running.stream().mapToDouble(process -> process.info().totalCpuDuration()
                .map(cpu -> cpu.toNanos() / 1e9).orElse(0.0)).sum();
    }

    private static CpuSample cpuSample() throws StepFailedException {
        try {
            return CpuSample.now();
        } catch (IOException | RuntimeException e) {
            throw new StepFailedException("Cannot read the machine's CPU time from /proc/stat: " + e.getMessage(), e);
        }
    }

    private ProcessBuilder builder(ExternalCommand command, List<String> words) {
        ProcessBuilder builder = new ProcessBuilder(words).directory(command.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        // A warm-up switched off in the user's shell would skew every Bulwark row but the one meant to show it.
        builder.environment().remove(CRYPTO_WARMUP_VARIABLE);
        builder.environment().putAll(command.environment());
        return builder;
    }

    private static String describe(ExternalCommand command, Path out, Path err) {
        return "Command (in " + command.directory() + "): " + command.commandLine() + "\n" + tail("stdout", out)
                + tail("stderr", err);
    }

    /** The end of a log, where a program says why it failed. */
    static String tail(String what, Path file) {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                return "(" + what + " empty)\n";
            }
            String end = text.length() > OUTPUT_TAIL ? "..." + text.substring(text.length() - OUTPUT_TAIL) : text;
            return "--- " + what + " ---\n" + end + (end.endsWith("\n") ? "" : "\n");
        } catch (IOException e) {
            return "(" + what + " unreadable: " + e.getMessage() + ")\n";
        }
    }

    private static String slug(String label) {
        return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
