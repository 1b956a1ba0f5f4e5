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
            System.out.print(SettingsLoader.help());
            return;
        }
        if (List.of(args).contains("--version")) {
            System.out.println("Bulwark engine " + io.bulwark.protocol.ApiVersion.product());
            return;
        }
        EngineApplication engine;
        try {
            EngineSettings settings = SettingsLoader.fromSystem().load(List.of(args));
            // The data directory first, owner-only, before the log directory (by default inside it) makes it.
            DataDirectory.open(settings.dataDirectory());
            EngineLogging.toDirectory(settings.logDirectory());
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
        // One line in engine.log as well, where an admin of the packaged service looks for the fingerprint.
        org.slf4j.LoggerFactory.getLogger(EngineMain.class).info("Bulwark engine {} is running: API {}, certificate "
                + "SHA-256 {}, data directory {}", io.bulwark.protocol.ApiVersion.product(), apiAddress(engine),
                engine.fingerprint(), engine.directory().root());
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
                  API:                        %s
                  Certificate SHA-256:        %s
                  First admin password:       %s
                  Data directory:             %s
                  Settings file:              %s
                  Log:                        %s
                  Configuration database:     %s
                Stop it with Ctrl-C or SIGTERM.
                """.formatted(apiAddress(engine), engine.fingerprint(), password,
                directory.root(), engine.settings().settingsFile(),
                engine.settings().logDirectory().resolve(EngineLogging.FILE_NAME), engine.settings().database().productName());
    }

    private static String apiAddress(EngineApplication engine) {
        return "https://" + displayHost(engine.settings().bindAddress()) + ":" + engine.port() + "/api/v1";
    }

    private static String displayHost(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? io.bulwark.engine.servers.ThisHost.hostname()
                : bindAddress;
    }
}
