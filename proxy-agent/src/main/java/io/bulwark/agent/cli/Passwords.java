package io.bulwark.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a password from a file: its first line, without the line break. Never from the command line, where others see it. */
final class Passwords {
    private Passwords() {
    }

    static String read(Path file) throws UsageException, IOException {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException("The password file " + file + " does not exist.");
        }
        String password = content.lines().findFirst().orElse("");
        if (password.isEmpty()) {
            throw new UsageException("The password file " + file + " is empty; put the password on its first line.");
        }
        return password;
    }
}
