package io.bulwark.console.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.ManualScheduler;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.console.credentials.CredentialApi;
import io.bulwark.console.wizard.ApplyState;
import io.bulwark.protocol.credentials.CredentialRequest;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.credentials.CredentialView;
import io.bulwark.protocol.errors.ApiError;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.AgentStatus;
import io.bulwark.protocol.servers.ServerPorts;
import io.bulwark.protocol.servers.ServerView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ServerWizardViewModelTest {
    private final FakeServerApi engine = new FakeServerApi();
    private final List<CredentialView> stored = new ArrayList<>();
    private final CredentialApi credentials = new CredentialApi() {
        @Override
        public List<CredentialView> list() {
            return List.copyOf(stored);
        }

        @Override
        public CredentialView create(CredentialRequest request) {
            CredentialView view = new CredentialView(UUID.randomUUID(), request.name(), request.type(),
                    request.username(), request.description(), request.password() != null,
                    request.privateKey() != null, request.passphrase() != null, Instant.EPOCH, Instant.EPOCH);
            stored.add(view);
            return view;
        }
    };
    private final ManualScheduler scheduler = new ManualScheduler();
    private final EventBus bus = new EventBus(Runnable::run);
    private final ServerWizardViewModel wizard = new ServerWizardViewModel(engine, credentials,
            new CurrentThreadTaskExecutor(), scheduler, bus);

    @Test
    void theNamePageWantsADnsNameOrAnIpAddress() {
        assertThat(wizard.nameProblem().get()).isEqualTo("Enter the server's DNS name or IP address.");
        wizard.addressProperty().set("kvm 01");
        assertThat(wizard.nameProblem().get()).isEqualTo("'kvm 01' is neither a DNS name nor an IP address.");
        wizard.addressProperty().set("10.0.0.300");
        assertThat(wizard.nameProblem().get()).contains("not an IPv4 address");
        for (String good : List.of("kvm01.example.com", "10.0.0.30", "fe80::1", "kvm-01")) {
            wizard.addressProperty().set(good);
            assertThat(wizard.nameProblem().get()).as(good).isEmpty();
        }
    }

    @Test
    void theConnectionPageWantsAnAccountAndAPort() {
        assertThat(wizard.connectionProblem().get()).startsWith("Choose the account Bulwark logs in with");

        var dialog = wizard.newCredential();
        dialog.usernameProperty().set("bwt-admin");
        assertThat(dialog.problemProperty().get()).isEqualTo("Enter the account's password.");
        dialog.typeProperty().set(CredentialType.PRIVATE_KEY);
        assertThat(dialog.problemProperty().get()).startsWith("Paste the private key");
        dialog.typeProperty().set(CredentialType.PASSWORD);
        dialog.passwordProperty().set("secret");
        dialog.save(wizard::credentialAdded);

        assertThat(wizard.credentialProperty().get().username()).isEqualTo("bwt-admin");
        assertThat(wizard.connectionProblem().get()).isEmpty();
        wizard.sshPortProperty().set("70000");
        assertThat(wizard.connectionProblem().get()).isEqualTo("The SSH port must be a number from 1 to 65535.");
    }

    @Test
    void theAdvancedSettingsKeepTheControlPortOutOfTheDataRange() {
        ServerPortsForm form = wizard.portsForm();
        form.controlPortProperty().set("2600");
        assertThat(form.problemProperty().get()).isEqualTo("The control port must lie outside the data mover port range.");
        form.controlPortProperty().set("16162");
        form.sshTimeoutProperty().set("2");
        assertThat(form.problemProperty().get()).startsWith("The SSH timeout");
        form.sshTimeoutProperty().set("60");
        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(form.ports()).isEqualTo(new ServerPorts(2500, 3300, 16162, 60));
    }

    @Test
    void yesToTheHostKeyLetsTheWizardGoOn() {
        toHostKeyPage();
        wizard.readHostKey();

        assertThat(wizard.hostKeyProperty().get().fingerprint()).isEqualTo(FakeServerApi.FINGERPRINT);
        assertThat(wizard.hostKeyProblem().get()).startsWith("Compare the fingerprint");
        wizard.acceptHostKey();
        assertThat(wizard.hostKeyProblem().get()).isEmpty();
        assertThat(wizard.review()).anySatisfy(detail -> assertThat(detail.value()).contains(FakeServerApi.FINGERPRINT));
    }

    @Test
    void noToTheHostKeySavesNothingAndAnotherAddressIsAskedAgain() {
        toHostKeyPage();
        wizard.readHostKey();
        wizard.rejectHostKey();

        assertThat(wizard.hostKeyProperty().get()).isNull();
        assertThat(wizard.hostKeyProblem().get()).isNotEmpty();
        assertThat(engine.created).isEmpty();

        wizard.readHostKey();
        wizard.acceptHostKey();
        wizard.addressProperty().set("kvm02");
        assertThat(wizard.hostKeyAcceptedProperty().get()).as("a key accepted for another address").isFalse();
    }

    @Test
    void anUnreachableHostShowsTheEnginesMessage() {
        String message = "127.0.0.1 refused the connection on port 2222. Is sshd running there, on that port?";
        engine.hostKey = () -> {
            throw new EngineRefusedException(new ApiError(422, "Unprocessable", message, Map.of("problem", "REFUSED")));
        };
        toHostKeyPage();
        wizard.readHostKey();

        assertThat(wizard.hostKeyProblem().get()).isEqualTo(message);
        assertThat(wizard.hostKeyCheckingProperty().get()).isFalse();
        wizard.acceptHostKey();
        assertThat(wizard.hostKeyProblem().get()).as("no key to accept").isEqualTo(message);
    }

    @Test
    void applySavesTheServerDeploysAndFollowsTheDeploymentToItsEnd() {
        engine.deploymentScripts.add(List.of("RUNNING", "SUCCEEDED"));
        readyToApply();
        wizard.apply();

        assertThat(engine.created).singleElement().satisfies(request -> {
            assertThat(request.address()).isEqualTo("kvm01");
            assertThat(request.hostKeyFingerprint()).isEqualTo(FakeServerApi.FINGERPRINT);
            assertThat(request.hardenedRepository()).isFalse();
        });
        assertThat(wizard.progress().state()).isEqualTo(ApplyState.RUNNING);
        assertThat(wizard.progress().progressProperty().get()).isEqualTo(0.4);
        assertThat(wizard.noWayBack().get()).isTrue();
        assertThat(wizard.applyUnfinished().get()).isTrue();

        // The engine says the server changed: read at once rather than at the next tick.
        bus.publish(new ChangeEvent(1, Instant.EPOCH, "servers", ChangeAction.UPDATED,
                wizard.serverProperty().get().id(), "system"));

        assertThat(wizard.progress().state()).isEqualTo(ApplyState.SUCCEEDED);
        assertThat(wizard.applyUnfinished().get()).isFalse();
        assertThat(wizard.progress().log()).anySatisfy(line -> assertThat(line).contains("[analyse]"));
        assertThat(wizard.summary()).extracting(d -> d.label() + ": " + d.value())
                .contains("CPU cores: 8", "Memory: 16.0 GiB", "Free space: 100.0 GiB",
                        "Datastores: /var/lib/libvirt/images");
        assertThat(scheduler.waiting()).isZero();
    }

    @Test
    void aFailedDeploymentShowsTheAgentsMessageKeepsTheServerAndRetries() {
        engine.deploymentScripts.add(List.of("RUNNING", "FAILED"));
        engine.deploymentScripts.add(List.of("SUCCEEDED"));
        readyToApply();
        wizard.apply();
        scheduler.runDue();

        assertThat(wizard.progress().state()).isEqualTo(ApplyState.FAILED);
        assertThat(wizard.progress().messageProperty().get()).isEqualTo(engine.failure).contains("line 2");
        assertThat(wizard.serverProperty().get().agent().state()).isEqualTo(AgentState.FAILED);
        assertThat(wizard.noWayBack().get()).as("the server is saved").isTrue();

        wizard.apply(); // Retry

        assertThat(engine.created).hasSize(1);
        assertThat(engine.deployed).hasSize(2);
        assertThat(wizard.progress().state()).isEqualTo(ApplyState.SUCCEEDED);
    }

    @Test
    void aServerTheEngineRefusesIsNotSavedAndTheAdminMayGoBack() {
        engine.refuseCreate = "A server at kvm01 exists already.";
        readyToApply();
        wizard.apply();

        assertThat(wizard.progress().state()).isEqualTo(ApplyState.FAILED);
        assertThat(wizard.progress().messageProperty().get()).endsWith("A server at kvm01 exists already.");
        assertThat(wizard.noWayBack().get()).as("nothing was saved: the admin may go back").isFalse();

        engine.refuseCreate = null;
        wizard.apply(); // Retry
        assertThat(engine.created).hasSize(1);
        assertThat(wizard.progress().state()).isEqualTo(ApplyState.SUCCEEDED);
    }

    @Test
    void aHardenedRepositoryIsSavedAsOneAndTheReviewSaysWhatItMeans() {
        readyToApply();
        wizard.hardenedRepositoryProperty().set(true);

        assertThat(wizard.review()).extracting(d -> d.label() + ": " + d.value())
                .contains("Hardened repository: Yes: a backup proxy on this server reads in Network mode only");
        wizard.apply();
        assertThat(engine.created).singleElement().satisfies(request ->
                assertThat(request.hardenedRepository()).isTrue());
    }

    @Test
    void editServerStartsFromTheServerKeepsItsPinnedKeyAndSavesTheChange() {
        CredentialView account = credentials.create(new CredentialRequest("admin", CredentialType.PASSWORD, "bwt-admin",
                "secret", null, null, null));
        ServerView kvm = storedServer(account, FakeServerApi.FINGERPRINT);
        ServerWizardViewModel edit = editing(kvm);

        assertThat(edit.title()).isEqualTo("Edit Server: kvm01");
        assertThat(edit.addressProperty().get()).isEqualTo("10.0.0.5");
        assertThat(edit.descriptionProperty().get()).isEqualTo("KVM host in rack 4");
        assertThat(edit.sshPortProperty().get()).isEqualTo("2222");
        assertThat(edit.portsProperty().get()).isEqualTo(new ServerPorts(2600, 2700, 16162, 30));
        edit.loadCredentials();
        assertThat(edit.credentialProperty().get()).isEqualTo(account);

        edit.readHostKey();
        assertThat(edit.hostKeyProblem().get()).as("the pinned key needs no second yes").isEmpty();
        assertThat(edit.hostKeyChanged().get()).isFalse();
        assertThat(edit.hostKeyComparison().get()).isEqualTo("This is the key pinned for kvm01.");

        edit.hardenedRepositoryProperty().set(true);
        edit.apply();
        scheduler.runDue();

        assertThat(engine.created).isEmpty();
        assertThat(engine.updated).singleElement().satisfies(request -> {
            assertThat(request.name()).as("the name stays").isEqualTo("kvm01");
            assertThat(request.address()).isEqualTo("10.0.0.5");
            assertThat(request.sshPort()).isEqualTo(2222);
            assertThat(request.credentialId()).isEqualTo(account.id());
            assertThat(request.hostKeyFingerprint()).isEqualTo(FakeServerApi.FINGERPRINT);
            assertThat(request.ports()).isEqualTo(kvm.ports());
            assertThat(request.hardenedRepository()).isTrue();
        });
        assertThat(engine.deployed).as("the agent is checked after the change").containsExactly(kvm.id());
        assertThat(edit.progress().state()).isEqualTo(ApplyState.SUCCEEDED);
        edit.close();
    }

    @Test
    void editServerShowsAChangedHostKeyBesideThePinnedOneAndPinsItOnlyAfterYes() {
        CredentialView account = credentials.create(new CredentialRequest("admin", CredentialType.PASSWORD, "bwt-admin",
                "secret", null, null, null));
        String replaced = "SHA256:" + "B".repeat(43);
        ServerView kvm = storedServer(account, replaced);
        ServerWizardViewModel edit = editing(kvm);
        edit.loadCredentials();

        edit.readHostKey();
        assertThat(edit.hostKeyChanged().get()).isTrue();
        assertThat(edit.hostKeyComparison().get()).contains("Pinned: " + replaced,
                "Presented now: " + FakeServerApi.FINGERPRINT);
        assertThat(edit.hostKeyProblem().get()).startsWith("Compare the fingerprint");

        edit.acceptHostKey();
        edit.apply();
        assertThat(engine.updated).singleElement().satisfies(request ->
                assertThat(request.hostKeyFingerprint()).isEqualTo(FakeServerApi.FINGERPRINT));
        edit.close();
    }

    private ServerView storedServer(CredentialView account, String fingerprint) {
        ServerView kvm = new ServerView(UUID.randomUUID(), "kvm01", "10.0.0.5", "KVM host in rack 4", 2222, account.id(),
                fingerprint, new ServerPorts(2600, 2700, 16162, 30), false, FakeServerApi.FACTS,
                new AgentStatus(AgentState.HOST_KEY_CHANGED, "The host key changed.", "0.1.0", null, Instant.EPOCH),
                false, Instant.EPOCH, Instant.EPOCH);
        engine.servers.put(kvm.id(), kvm);
        return kvm;
    }

    private ServerWizardViewModel editing(ServerView server) {
        return ServerWizardViewModel.edit(server, engine, credentials, new CurrentThreadTaskExecutor(), scheduler, bus);
    }

    private void toHostKeyPage() {
        wizard.addressProperty().set("kvm01");
        wizard.credentialAdded(credentials.create(new CredentialRequest("admin", CredentialType.PASSWORD, "bwt-admin",
                "secret", null, null, null)));
    }

    private void readyToApply() {
        toHostKeyPage();
        wizard.readHostKey();
        wizard.acceptHostKey();
    }
}
