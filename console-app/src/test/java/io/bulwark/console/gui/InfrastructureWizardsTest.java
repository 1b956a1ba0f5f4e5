package io.bulwark.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.testing.EngineProcess;
import io.bulwark.engine.testing.ManagedHost;
import io.bulwark.engine.testing.TestAccounts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * New Linux Server and Add Proxy in a real window, against a real engine that deploys the real
 * agent bundle over SSH to a real sshd, logged in as an account that elevates with sudo and its
 * password: the way an admin adds a Linux proxy.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureWizardsTest {
    private static final Duration DEPLOYMENT = Duration.ofSeconds(240);
    private static final Path SCREENSHOT = Path.of("target", "screenshots", "add-proxy-review.png");
    private static final Path HARDENED_SCREENSHOT = Path.of("target", "screenshots", "transport-mode-hardened.png");

    @TempDir
    static Path temporary;
    @TempDir
    Path config;

    private static ManagedHost host;
    private static EngineProcess engine;
    private RunningConsole console;

    @BeforeAll
    static void start() throws IOException {
        RunningConsole.requireDisplay();
        host = ManagedHost.onLoopback(temporary.resolve("host"));
        Path bundle = Path.of("..", "installer", "target", "agent-bundle").toAbsolutePath().normalize();
        assertThat(bundle.resolve("VERSION")).as("the agent bundle, which 'mvn install' builds").exists();
        // The engine runs from the test class path, far from the build's folders: say where the bundle is.
        engine = EngineProcess.start(temporary.resolve("engine"), Map.of("BULWARK_AGENT_BUNDLE", bundle.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (host != null) {
            host.close();
        }
    }

    @BeforeEach
    void logIn() throws Exception {
        console = RunningConsole.loggedIn(config, engine, engine.initialAdminPassword());
    }

    @AfterEach
    void closeConsole() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    @Order(1)
    void aHostThatRefusesTheConnectionIsExplainedOnTheHostKeyPage() throws Exception {
        int closedPort = freePort();
        DialogPane ssh = toConnectionPage("127.0.0.1");
        addCredential("for the host that refuses");
        console.replaceText("#new-server-ssh-port", String.valueOf(closedPort));
        console.clickDialogButton(ssh, "Next");

        DialogPane hostKey = console.awaitPage("new-server-host-key");
        console.await("the engine's answer", () -> console.isShown("#host-key-retry"));
        assertThat(console.text("#new-server-host-key-problem"))
                .contains("127.0.0.1", "refused the connection");
        assertThat(console.isShown("#host-key-yes")).isFalse();
        assertThat(console.buttonEnabled(hostKey, "Next")).isFalse();
        console.clickDialogButton(hostKey, "Cancel");
    }

    @Test
    @Order(2)
    void addsALinuxServerThenMakesItAProxyThatBecomesReady() throws Exception {
        DialogPane ssh = toConnectionPage(host.address());
        assertThat(console.buttonEnabled(ssh, "Next")).as("Next without credentials").isFalse();
        assertThat(console.text("#new-server-ssh-problem")).startsWith("Choose the account");

        addCredential(null);
        console.replaceText("#new-server-ssh-port", String.valueOf(host.port()));

        // The agent's control port: a free one, so that this test does not meet another agent on 6162.
        console.robot().clickOn("#new-server-advanced");
        DialogPane advanced = console.awaitPage("server-ports");
        console.replaceText("#control-port", String.valueOf(freePort()));
        console.clickDialogButton(advanced, "OK");
        console.await("Next enabled", () -> console.buttonEnabled(ssh, "Next"));
        console.clickDialogButton(ssh, "Next");

        // "No" goes back and saves nothing; the key is read again on the way forward.
        console.awaitPage("new-server-host-key");
        console.await("the host key", () -> console.isShown("#host-key-yes"));
        assertThat(console.input("#new-server-fingerprint").getText()).isEqualTo(host.ssh().hostKeyFingerprint());
        console.robot().clickOn("#host-key-no");
        console.awaitPage("new-server-ssh");
        console.clickDialogButton(ssh, "Next");
        console.await("the host key again", () -> console.isShown("#host-key-yes"));
        console.robot().clickOn("#host-key-yes");

        DialogPane review = console.awaitPage("new-server-review-page");
        assertThat(labels(review)).contains(host.ssh().hostKeyFingerprint(), "bwt-admin (password)");
        console.clickDialogButton(review, "Next");

        DialogPane apply = console.awaitPage("new-server-apply");
        console.await("the agent deployed", DEPLOYMENT, () -> console.buttonEnabled(apply, "Next")
                || console.isShown("#new-server-retry"));
        assertThat(console.text("#new-server-message")).as(logOf("#new-server-log"))
                .isEqualTo("The agent is installed and running on " + host.address() + ".");
        console.clickDialogButton(apply, "Next");

        DialogPane summary = console.awaitPage("new-server-summary-page");
        assertThat(labels(summary)).contains("CPU cores", String.valueOf(Runtime.getRuntime().availableProcessors()),
                "Memory", "Free space", "Datastores");
        console.clickDialogButton(summary, "Finish");

        console.await("the server READY in Managed Servers", () -> console.cellTexts("#managed-servers-table")
                .containsAll(List.of(host.address(), "Ready")));

        // Add Proxy: the new server is the one that can be chosen; the engine's own holds the built-in proxy.
        console.robot().clickOn("Backup Proxies");
        console.robot().clickOn("#action-add-proxy");
        DialogPane server = console.awaitPage("add-proxy-server-page");
        console.await("the new server chosen", () -> console.buttonEnabled(server, "Next"));
        assertThat(console.text("#add-proxy-transport-shown")).isEqualTo("Automatic selection, failover to network");
        console.clickDialogButton(server, "Next");

        DialogPane tasks = console.awaitPage("add-proxy-traffic-page");
        assertThat(console.input("#add-proxy-max-tasks").getText())
                .isEqualTo(String.valueOf(Runtime.getRuntime().availableProcessors()));
        console.clickDialogButton(tasks, "Next");

        DialogPane rules = console.awaitPage("add-proxy-rules-page");
        console.await("the traffic rules read", () -> !labels(rules).contains("Reading the rules"));
        assertThat(RunningConsole.onFx(() -> console.robot().lookup("#add-proxy-traffic-rules").<TableView<?>>query().getItems()))
                .isEmpty();
        console.clickDialogButton(rules, "Next");

        DialogPane proxyReview = console.awaitPage("add-proxy-review-page");
        assertThat(labels(proxyReview)).contains(host.address(), "Automatic detection", "Ready on the server");
        RunningConsole.screenshot((Stage) proxyReview.getScene().getWindow(), SCREENSHOT);
        console.clickDialogButton(proxyReview, "Next");

        DialogPane proxyApply = console.awaitPage("add-proxy-apply");
        console.await("the proxy ready", DEPLOYMENT, () -> console.buttonEnabled(proxyApply, "Next")
                || console.isShown("#add-proxy-retry"));
        assertThat(console.text("#add-proxy-message")).as(logOf("#add-proxy-log"))
                .isEqualTo("The backup proxy " + host.address() + " is ready.");
        console.clickDialogButton(proxyApply, "Next");
        DialogPane finish = console.awaitPage("add-proxy-finish-page");
        console.clickDialogButton(finish, "Finish");

        console.await("the proxy READY in Backup Proxies", () -> console.cellTexts("#backup-proxies-table")
                .containsAll(List.of(host.address(), "Ready", "Automatic selection")));
    }

    @Test
    @Order(3)
    void editServerMakesItAHardenedRepositoryWhoseProxyReadsInNetworkModeOnly() throws Exception {
        // While its proxy reads in automatic mode the engine refuses, and the Apply page says why.
        DialogPane apply = editServerToApply(true);
        console.await("the engine's answer", () -> console.isShown("#new-server-retry"));
        assertThat(console.text("#new-server-message")).contains("holds the proxy '" + host.address()
                + "', which uses Automatic selection", "set the proxy's transport mode to Network first");
        console.clickDialogButton(apply, "Cancel");

        // Its last role removed, the server loses its agent; then it may become a hardened repository.
        console.robot().clickOn("Backup Proxies");
        console.await("the proxy listed", () -> console.cellTexts("#backup-proxies-table").contains(host.address()));
        console.robot().clickOn(host.address());
        console.robot().clickOn("#ribbon-remove");
        console.clickDialogButton(console.awaitDialog("Remove the backup proxy '" + host.address() + "'?"), "Remove");
        console.robot().clickOn("Managed Servers");
        console.await("the agent removed with the last role", DEPLOYMENT,
                () -> console.cellTexts("#managed-servers-table").contains("Not installed"));

        apply = editServerToApply(false);
        DialogPane deployed = apply;
        console.await("the agent deployed again", DEPLOYMENT, () -> console.buttonEnabled(deployed, "Next")
                || console.isShown("#new-server-retry"));
        assertThat(console.text("#new-server-message")).as(logOf("#new-server-log"))
                .isEqualTo("The agent is installed and running on " + host.address() + ".");
        console.clickDialogButton(apply, "Next");
        console.clickDialogButton(console.awaitPage("new-server-summary-page"), "Finish");

        // Add Proxy chooses Network for it, and the mode dialog greys out the others with the reason.
        console.robot().clickOn("Backup Proxies");
        console.robot().clickOn("#action-add-proxy");
        DialogPane server = console.awaitPage("add-proxy-server-page");
        console.await("the hardened server chosen", () -> console.buttonEnabled(server, "Next"));
        assertThat(console.text("#add-proxy-transport-shown")).isEqualTo("Network, failover to network");
        console.robot().clickOn("#add-proxy-transport");
        DialogPane modes = console.awaitPage("transport-mode");
        for (String mode : List.of("automatic", "direct-storage", "virtual-appliance")) {
            assertThat(RunningConsole.onFx(() -> console.robot().lookup("#transport-" + mode).query().isDisabled()))
                    .as(mode).isTrue();
            assertThat(console.text("#transport-" + mode + "-reason"))
                    .contains(host.address() + " is a hardened repository, which must not reach production storage");
        }
        assertThat(RunningConsole.onFx(() -> console.robot().lookup("#transport-network").query().isDisabled()))
                .isFalse();
        RunningConsole.screenshot((Stage) modes.getScene().getWindow(), HARDENED_SCREENSHOT);
        console.clickDialogButton(modes, "Cancel");
        console.clickDialogButton(server, "Cancel");
    }

    @Test
    @Order(4)
    void removeUninstallsTheAgentAndForgetsTheServer() {
        assertThat(host.installRoot().resolve("opt/bulwark/agent")).as("deployed by Edit Server, no role yet").exists();
        console.robot().clickOn("Managed Servers");
        console.await("the server listed", () -> console.cellTexts("#managed-servers-table").contains(host.address()));
        console.robot().clickOn(host.address());
        console.robot().clickOn("#action-remove-server");

        console.clickDialogButton(console.awaitDialog("Remove the server '" + host.address() + "'?"), "Remove");

        console.await("the server gone", DEPLOYMENT,
                () -> !console.cellTexts("#managed-servers-table").contains(host.address()));
        assertThat(host.installRoot().resolve("opt/bulwark")).doesNotExist();
        assertThat(host.staging()).doesNotExist();
    }

    /** Edit Server on the test host, with the hardened repository flag set, up to its Apply page. */
    private DialogPane editServerToApply(boolean firstTime) {
        console.robot().clickOn("Managed Servers");
        console.await("the server listed", () -> console.cellTexts("#managed-servers-table").contains(host.address()));
        console.robot().clickOn(host.address());
        console.robot().clickOn("#action-edit-server");
        DialogPane name = console.awaitPage("new-server-name");
        assertThat(console.input("#new-server-address").getText()).isEqualTo(host.address());
        assertThat(console.input("#new-server-address").isDisabled()).as("an edited server keeps its address").isTrue();
        console.robot().clickOn("#new-server-hardened");
        console.clickDialogButton(name, "Next");

        DialogPane ssh = console.awaitPage("new-server-ssh");
        console.await("the server's credential chosen", () -> console.buttonEnabled(ssh, "Next"));
        console.clickDialogButton(ssh, "Next");

        DialogPane hostKey = console.awaitPage("new-server-host-key");
        console.await("the pinned key recognised", () -> console.buttonEnabled(hostKey, "Next"));
        assertThat(console.text("#new-server-host-key-comparison"))
                .isEqualTo("This is the key pinned for " + host.address() + ".");
        console.clickDialogButton(hostKey, "Next");

        DialogPane review = console.awaitPage("new-server-review-page");
        assertThat(labels(review)).contains("Yes: a backup proxy on this server reads in Network mode only",
                firstTime ? "" : "Will check and install what is missing");
        console.clickDialogButton(review, "Next");
        return console.awaitPage("new-server-apply");
    }

    /** Opens New Linux Server from Managed Servers, checks the name page blocks Next, and gets to the SSH page. */
    private DialogPane toConnectionPage(String address) {
        console.robot().clickOn("Managed Servers");
        console.robot().clickOn("#action-add-server");
        DialogPane name = console.awaitPage("new-server-name");
        assertThat(console.buttonEnabled(name, "Next")).isFalse();
        assertThat(console.text("#new-server-name-problem")).isEqualTo("Enter the server's DNS name or IP address.");
        console.replaceText("#new-server-address", address);
        console.await("Next enabled", () -> console.buttonEnabled(name, "Next"));
        console.clickDialogButton(name, "Next");
        return console.awaitPage("new-server-ssh");
    }

    /** "Add…" on the SSH connection page: the sudo account with its password. */
    private void addCredential(String description) {
        console.robot().clickOn("#new-server-add-credential");
        DialogPane credential = console.awaitPage("new-credential");
        console.replaceText("#credential-username", TestAccounts.SUDO_WITH_PASSWORD);
        console.replaceText("#credential-password", TestAccounts.password());
        if (description != null) {
            console.replaceText("#credential-description", description);
        }
        console.clickDialogButton(credential, "OK");
        console.await("the new credential chosen", () -> !console.isShown("#new-credential")
                && console.robot().lookup("#new-server-credential").<ComboBox<?>>query().getValue() != null);
    }

    /** Everything the page's labels say, to look for a value in. */
    private String labels(DialogPane page) {
        return RunningConsole.onFx(() -> String.join("\n", console.robot().from(page).lookup(".label")
                .<Labeled>queryAll().stream().filter(Node::isVisible).map(Labeled::getText).toList()));
    }

    private String logOf(String query) {
        return RunningConsole.onFx(() -> String.join("\n", console.robot().lookup(query)
                .<javafx.scene.control.ListView<String>>query().getItems()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
