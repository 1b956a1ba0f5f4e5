package io.bulwark.engine;

import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.firststart.FirstStart;
import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.engine.settings.SettingsLoader;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the engine from the command line and runs it until it is stopped (SIGTERM or Ctrl-C).
 * Exit status 1 means it could not start; the reason is on standard error.
 */
public final class EngineMain {
    private EngineMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("config")) {
            io.bulwark.engine.configbackup.ConfigurationCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (List.of(args).contains("--help")) {
            System.out.println("""
                    Usage: bulwark-engine [--data-dir DIR] [--port N] [--bind ADDRESS] [--jdbc-url URL] [--jdbc-user USER]
                                          [--session-lifetime DURATION]

                    Runs the Bulwark backup engine. Settings come from DIR/engine.properties, then environment
                    variables (BULWARK_DATA_DIR, BULWARK_PORT, BULWARK_BIND_ADDRESS, BULWARK_JDBC_URL,
                    BULWARK_JDBC_USER, BULWARK_JDBC_PASSWORD, BULWARK_SESSION_LIFETIME), then these flags. The data
                    directory defaults to ~/.bulwark, the API port to 9392, the session lifetime to PT12H.""");
            return;
        }
        EngineApplication engine;
        try {
            EngineSettings settings = SettingsLoader.fromSystem().load(List.of(args));
            EngineLogging.toDirectory(DataDirectory.open(settings.dataDirectory()).logs());
            engine = EngineApplication.start(settings);
        } catch (RuntimeException e) {
            System.err.println("Bulwark engine cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("engine-shutdown").unstarted(() -> {
            engine.close();
            stopped.countDown();
        }));
        System.out.println(banner(engine));
        stopped.await();
    }

    private static String banner(EngineApplication engine) {
        DataDirectory directory = engine.directory();
        String password = Files.exists(directory.initialAdminPasswordFile())
                ? directory.initialAdminPasswordFile() + " (user: " + FirstStart.ADMIN + ")"
                : "(set by you; the user is " + FirstStart.ADMIN + ")";
        return """

                Bulwark engine is running.
                  API:                        https://%s:%d/api/v1
                  Certificate SHA-256:        %s
                  First admin password:       %s
                  Data directory:             %s
                  Configuration database:     %s
                Stop it with Ctrl-C or SIGTERM.
                """.formatted(displayHost(engine.settings().bindAddress()), engine.port(), engine.fingerprint(), password,
                directory.root(), engine.settings().database().productName());
    }

    private static String displayHost(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? io.bulwark.engine.servers.ThisHost.hostname()
                : bindAddress;
    }
}
