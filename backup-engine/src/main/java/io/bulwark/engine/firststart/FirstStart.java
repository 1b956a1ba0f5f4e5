package io.bulwark.engine.firststart;

import io.bulwark.engine.servers.ThisHost;
import io.bulwark.engine.auth.Caller;
import io.bulwark.engine.datadir.DataDirectory;
import io.bulwark.engine.entities.ChangeRecorder;
import io.bulwark.engine.proxies.ProxyService;
import io.bulwark.engine.repositories.RepositoryService;
import io.bulwark.engine.servers.LocalHostAnalysis;
import io.bulwark.engine.servers.ServerService;
import io.bulwark.engine.settings.SettingsException;
import io.bulwark.engine.users.UserService;
import io.bulwark.protocol.ApiPaths;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.servers.ServerView;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a new engine sets up by itself, as Veeam does: the first Administrator, and its own host as
 * "This server" with a built-in proxy and a default repository, so a one-machine install backs up
 * with nothing else to add. Each part is made only if missing, so every start can run this.
 */
public class FirstStart {
    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD_VARIABLE = "BULWARK_ADMIN_PASSWORD";
    // No look-alikes (0/O, 1/l/I), so the password survives being read off a screen.
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final DataDirectory directory;
    private final UserService users;
    private final ServerService servers;
    private final ProxyService proxies;
    private final RepositoryService repositories;
    private final LocalHostAnalysis analysis;
    private final ChangeRecorder changes;
    private final Function<String, String> environment;

    public FirstStart(DataDirectory directory, UserService users, ServerService servers, ProxyService proxies,
                      RepositoryService repositories, LocalHostAnalysis analysis, ChangeRecorder changes,
                      Function<String, String> environment) {
        this.directory = directory;
        this.users = users;
        this.servers = servers;
        this.proxies = proxies;
        this.repositories = repositories;
        this.analysis = analysis;
        this.changes = changes;
        this.environment = environment;
    }

    public void run() {
        if (!users.anyUser()) {
            createAdministrator();
        }
        ServerView thisServer = servers.builtIn().orElseGet(this::createThisServer);
        servers.updateFacts(thisServer.id(), analysis.analyse(directory.root()));
    }

    private void createAdministrator() {
        String given = environment.apply(ADMIN_PASSWORD_VARIABLE);
        boolean generated = given == null || given.isEmpty();
        if (!generated && given.length() < UserService.MIN_PASSWORD_LENGTH) {
            throw new SettingsException(ADMIN_PASSWORD_VARIABLE + " is too short: the first admin password needs at "
                    + "least " + UserService.MIN_PASSWORD_LENGTH + " characters.");
        }
        String password = generated ? randomPassword() : given;
        changes.record(Caller.SYSTEM, ApiPaths.collection(ApiPaths.USERS), ChangeAction.CREATED,
                () -> users.createInitialAdministrator(ADMIN, password));
        if (generated) {
            directory.writeSecretFile(directory.initialAdminPasswordFile(),
                    (password + "\n").getBytes(StandardCharsets.UTF_8), true);
            log.info("Created the user '{}'; its password is in {}", ADMIN, directory.initialAdminPasswordFile());
        } else {
            log.info("Created the user '{}' with the password from {}", ADMIN, ADMIN_PASSWORD_VARIABLE);
        }
    }

    private ServerView createThisServer() {
        ServerView server = changes.record(Caller.SYSTEM, ApiPaths.collection(ApiPaths.SERVERS), ChangeAction.CREATED,
                () -> servers.createBuiltIn(ThisHost.hostname(), null));
        changes.record(Caller.SYSTEM, ApiPaths.collection(ApiPaths.PROXIES), ChangeAction.CREATED,
                () -> proxies.createBuiltIn(server));
        changes.record(Caller.SYSTEM, ApiPaths.collection(ApiPaths.REPOSITORIES), ChangeAction.CREATED,
                () -> repositories.createDefault(server, directory.defaultRepository().toString()));
        log.info("Set up '{}' with the built-in proxy and the default repository in {}", server.name(),
                directory.defaultRepository());
        return server;
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

}
