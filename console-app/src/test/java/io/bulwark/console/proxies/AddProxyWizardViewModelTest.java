package io.bulwark.console.proxies;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.ManualScheduler;
import io.bulwark.console.common.OpenTrafficRules;
import io.bulwark.console.servers.FakeServerApi;
import io.bulwark.console.wizard.ApplyState;
import io.bulwark.protocol.proxies.DatastoreSelection;
import io.bulwark.protocol.proxies.ProxyRequest;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.proxies.TransportMode;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.RoleStatus;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import io.bulwark.protocol.trafficrules.TrafficSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AddProxyWizardViewModelTest {
    private static final HostFacts NO_DATASTORES = new HostFacts("Debian GNU/Linux", "13", null, "x86_64", null, null,
            null, true, true, List.of(), Instant.EPOCH);

    private final FakeServerApi servers = new FakeServerApi();
    private final FakeProxies proxies = new FakeProxies(servers);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final EventBus bus = new EventBus(Runnable::run);
    private final AddProxyWizardViewModel wizard = new AddProxyWizardViewModel(proxies, servers,
            new CurrentThreadTaskExecutor(), scheduler, bus);

    @Test
    void aServerThatHoldsAProxyIsListedWithItsReasonAndCannotBeChosen() {
        ServerView thisServer = servers.add("This server", FakeServerApi.FACTS, AgentState.READY, true);
        proxies.add("Built-in proxy", thisServer);
        ServerView kvm = servers.add("kvm01", FakeServerApi.FACTS, AgentState.READY, false);

        wizard.loadServers();

        assertThat(wizard.serverChoices()).extracting(ServerChoice::label).containsExactly("kvm01",
                "This server — already a backup proxy ('Built-in proxy'); a server holds one");
        assertThat(wizard.serverProperty().get().server()).as("the first one that can be").isEqualTo(kvm);
        assertThat(wizard.serverProblem().get()).isEmpty();
        wizard.serverProperty().set(wizard.serverChoices().get(1));
        assertThat(wizard.serverProblem().get()).startsWith("This server is already a backup proxy")
                .endsWith("Choose another server.");
    }

    @Test
    void aServerAddedWithAddNewIsChosen() {
        servers.add("a-kvm", FakeServerApi.FACTS, AgentState.READY, false);
        wizard.loadServers();
        ServerView added = servers.add("z-kvm", FakeServerApi.FACTS, AgentState.READY, false);

        wizard.serverAdded(added);

        assertThat(wizard.serverChoices()).hasSize(2);
        assertThat(wizard.serverProperty().get().server()).isEqualTo(added);
    }

    @Test
    void noServerSaysToAddOne() {
        wizard.loadServers();
        assertThat(wizard.serverProblem().get()).isEqualTo("There is no managed server yet. Add one with Add New….");
    }

    @Test
    void modesThatNeedDatastoresAreRefusedOnAServerThatSeesNone() {
        servers.add("kvm01", NO_DATASTORES, AgentState.READY, false);
        wizard.loadServers();

        assertThat(wizard.unavailableModes()).containsOnlyKeys(TransportMode.DIRECT_STORAGE,
                TransportMode.VIRTUAL_APPLIANCE);
        assertThat(wizard.unavailableModes().get(TransportMode.DIRECT_STORAGE)).contains("found none");
        wizard.transportProperty().set(new TransportSettings(TransportMode.DIRECT_STORAGE, true, false));
        assertThat(wizard.serverProblem().get()).startsWith("Direct storage access needs a datastore the server can see");
        wizard.transportProperty().set(new TransportSettings(TransportMode.NETWORK, false, true));
        assertThat(wizard.serverProblem().get()).isEmpty();

        wizard.datastoresProperty().set(new DatastoreSelection(false, List.of()));
        assertThat(wizard.serverProblem().get()).startsWith("Choose at least one datastore");
    }

    @Test
    void aHardenedRepositoryOffersOnlyNetworkModeAndTheOthersSayWhy() {
        servers.add("a-kvm", FakeServerApi.FACTS, AgentState.READY, false);
        servers.harden(servers.add("vault01", FakeServerApi.FACTS, AgentState.READY, false));
        wizard.loadServers();
        assertThat(wizard.transportProperty().get().mode()).isEqualTo(TransportMode.AUTOMATIC);

        wizard.serverProperty().set(wizard.serverChoices().get(1));

        assertThat(wizard.serverProperty().get().label()).isEqualTo("vault01 [hardened repository: Network mode only]");
        assertThat(wizard.unavailableModes()).containsOnlyKeys(TransportMode.AUTOMATIC, TransportMode.DIRECT_STORAGE,
                TransportMode.VIRTUAL_APPLIANCE);
        assertThat(wizard.unavailableModes().values()).allSatisfy(why ->
                assertThat(why).contains("vault01 is a hardened repository").endsWith("Choose Network."));
        assertThat(wizard.transportProperty().get().mode()).as("the one mode it may use is chosen for the admin")
                .isEqualTo(TransportMode.NETWORK);
        assertThat(wizard.serverProblem().get()).isEmpty();
        wizard.transportProperty().set(new TransportSettings(TransportMode.DIRECT_STORAGE, true, false));
        assertThat(wizard.serverProblem().get()).startsWith("Direct storage access is not allowed: vault01 is a hardened");
    }

    @Test
    void maxTasksIsProposedFromTheCoresAndTwoWhenUnknown() {
        servers.add("a-kvm", FakeServerApi.FACTS, AgentState.READY, false);
        servers.add("b-kvm", NO_DATASTORES, AgentState.READY, false);
        wizard.loadServers();

        assertThat(wizard.maxTasksProperty().get()).isEqualTo("8");
        wizard.serverProperty().set(wizard.serverChoices().get(1));
        assertThat(wizard.maxTasksProperty().get()).isEqualTo("2");
        wizard.maxTasksProperty().set("0");
        assertThat(wizard.tasksProblem().get()).isEqualTo("Max concurrent tasks must be a number from 1 to 128.");
    }

    @Test
    void theTrafficRulesOfTheServerAreShownAndManageAsksForTheRulesDialog() {
        servers.add("kvm01", FakeServerApi.FACTS, AgentState.READY, false);
        proxies.rules.add(new TrafficRuleView(UUID.randomUUID(), "Internet", "Any", "Any", true, Throttle.OFF,
                TrafficSchedule.ALWAYS, Instant.EPOCH, Instant.EPOCH));
        List<Object> asked = new ArrayList<>();
        bus.subscribe(OpenTrafficRules.class, asked::add);
        wizard.loadServers();

        wizard.loadTrafficRules();
        wizard.manageTrafficRules();

        assertThat(wizard.trafficRules()).extracting(TrafficRuleView::name).containsExactly("Internet");
        assertThat(asked).containsExactly(new OpenTrafficRules());
    }

    @Test
    void aProxyOnAServerWithoutAgentIsFollowedThroughTheDeploymentUntilReady() {
        servers.add("kvm01", FakeServerApi.FACTS, AgentState.NOT_INSTALLED, false);
        servers.deploymentScripts.add(List.of("RUNNING", "SUCCEEDED"));
        wizard.loadServers();
        wizard.descriptionProperty().set("Reads kvm01's disks");

        wizard.apply();

        assertThat(proxies.created).singleElement().satisfies(request -> {
            assertThat(request.name()).isEqualTo("kvm01");
            assertThat(request.maxConcurrentTasks()).isEqualTo(8);
            assertThat(request.transportMode()).isEqualTo(TransportMode.AUTOMATIC);
            assertThat(request.failoverToNetwork()).isTrue();
        });
        // The engine had not started a deployment for it, so the console asked for one.
        assertThat(servers.deployed).hasSize(1);
        assertThat(wizard.progress().state()).isEqualTo(ApplyState.RUNNING);
        assertThat(wizard.noWayBack().get()).isTrue();

        scheduler.runDue();
        assertThat(wizard.progress().state()).isEqualTo(ApplyState.SUCCEEDED);
        assertThat(wizard.progress().messageProperty().get()).isEqualTo("The backup proxy kvm01 is ready.");
        assertThat(wizard.applyUnfinished().get()).isFalse();
        assertThat(servers.deployed).hasSize(1);
    }

    @Test
    void aProxyOnAReadyServerIsReadyAtOnce() {
        servers.add("kvm01", FakeServerApi.FACTS, AgentState.READY, false);
        wizard.loadServers();

        wizard.apply();

        assertThat(wizard.progress().state()).isEqualTo(ApplyState.SUCCEEDED);
        assertThat(servers.deployed).isEmpty();
    }

    @Test
    void aFailedDeploymentShowsTheReasonAndRetryDeploysAgain() {
        servers.add("kvm01", FakeServerApi.FACTS, AgentState.NOT_INSTALLED, false);
        servers.deploymentScripts.add(List.of("FAILED"));
        servers.deploymentScripts.add(List.of("RUNNING", "SUCCEEDED"));
        wizard.loadServers();

        wizard.apply();
        scheduler.runDue();

        assertThat(wizard.progress().state()).isEqualTo(ApplyState.FAILED);
        assertThat(wizard.progress().messageProperty().get()).isEqualTo(servers.failure);

        wizard.apply(); // Retry
        scheduler.runDue();
        scheduler.runDue();

        assertThat(proxies.created).hasSize(1);
        assertThat(servers.deployed).hasSize(2);
        assertThat(wizard.progress().state()).isEqualTo(ApplyState.SUCCEEDED);
    }

    /** Proxies in memory, whose state is their server's agent's, as the engine derives it. */
    private static final class FakeProxies implements ProxyApi {
        final FakeServerApi servers;
        final Map<UUID, ProxyView> proxies = new LinkedHashMap<>();
        final List<ProxyRequest> created = new ArrayList<>();
        final List<TrafficRuleView> rules = new ArrayList<>();

        FakeProxies(FakeServerApi servers) {
            this.servers = servers;
        }

        ProxyView add(String name, ServerView server) {
            ProxyView proxy = new ProxyView(UUID.randomUUID(), name, null, server.id(), server.name(),
                    TransportMode.AUTOMATIC, true, false, DatastoreSelection.AUTOMATIC, 2, server.builtIn(), null,
                    Instant.EPOCH, Instant.EPOCH);
            proxies.put(proxy.id(), proxy);
            return proxy;
        }

        @Override
        public List<ProxyView> list() {
            return proxies.values().stream().map(this::withStatus).toList();
        }

        @Override
        public ProxyView get(UUID id) {
            return withStatus(proxies.get(id));
        }

        @Override
        public ProxyView create(ProxyRequest request) {
            created.add(request);
            return get(add(request.name(), servers.get(request.serverId())).id());
        }

        @Override
        public List<TrafficRuleView> trafficRules(UUID serverId) {
            return List.copyOf(rules);
        }

        private ProxyView withStatus(ProxyView p) {
            var agent = servers.get(p.serverId()).agent();
            RoleStatus status = agent.state() == AgentState.READY ? RoleStatus.READY
                    : new RoleStatus(agent.state(), agent.message());
            return new ProxyView(p.id(), p.name(), p.description(), p.serverId(), p.serverName(), p.transportMode(),
                    p.failoverToNetwork(), p.hostToProxyEncryption(), p.datastores(), p.maxConcurrentTasks(),
                    p.builtIn(), status, p.createdAt(), p.updatedAt());
        }
    }
}
