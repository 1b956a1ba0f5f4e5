package io.bulwark.console;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;

/**
 * Starts the console. Deliberately not the {@link Application} subclass itself: the JavaFX
 * launcher refuses to start an Application main class from the plain class path, and the
 * launcher runs the console from one.
 */
public final class ConsoleMain {
    private ConsoleMain() {
    }

    public static void main(String[] args) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(List.of(args), System.getenv(), Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            System.err.println("bulwark-console: " + e.getMessage());
            System.err.println();
            System.err.println(ConsoleOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ConsoleOptions.USAGE);
            return;
        }
        Application.launch(BulwarkConsole.class, args);
    }
}
