package io.bulwark.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs system commands for the package tests, failing with what they said. */
final class Commands {
    private Commands() {
    }

    record Result(int status, String output) {
    }

    static String run(String... command) {
        Result result = tryRun(command);
        if (result.status() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.status() + "): "
                    + result.output().strip());
        }
        return result.output();
    }

    static Result tryRun(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within 5 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
