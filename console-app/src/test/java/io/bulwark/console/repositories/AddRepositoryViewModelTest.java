package io.bulwark.console.repositories;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.errors.ApiError;
import io.bulwark.protocol.repositories.EncryptionView;
import io.bulwark.protocol.repositories.RepositoryRequest;
import io.bulwark.protocol.repositories.RepositoryView;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.DeploymentView;
import io.bulwark.protocol.servers.HostFacts;
import io.bulwark.protocol.servers.RoleStatus;
import io.bulwark.protocol.servers.ServerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AddRepositoryViewModelTest {
    private static final Instant STARTED = Instant.parse("2025-06-01T10:00:00Z");
    private static final ServerView KVM = new ServerView(UUID.randomUUID(), "kvm01", "10.0.0.5", null, 22, null, null,
            null, false, new HostFacts("Debian", "12", null, null, 4, null, 25_276_514_304L, true, true, null, null), null,
            false, null, null);

    /** The engine, scripted: what it answers to each call, in order. */
    static final class ScriptedEngine implements RepositoryApi {
        final List<RepositoryRequest> created = new ArrayList<>();
        final List<RepositoryRequest> updated = new ArrayList<>();
        final Deque<RoleStatus> statuses = new ArrayDeque<>();
        final Deque<Optional<DeploymentView>> deployments = new ArrayDeque<>();
        RuntimeException refusal;

        @Override
        public List<ServerView> servers() {
            return List.of(KVM);
        }

        @Override
        public RepositoryView create(RepositoryRequest request) {
            if (refusal != null) {
                throw refusal;
            }
            created.add(request);
            return view(request, new RoleStatus(AgentState.NOT_INSTALLED, "The agent is not on the server yet."));
        }

        @Override
        public RepositoryView update(UUID id, RepositoryRequest request) {
            updated.add(request);
            return view(request, new RoleStatus(AgentState.INSTALLING, null));
        }

        @Override
        public RepositoryView repository(UUID id) {
            return view(created.getLast(), statuses.size() > 1 ? statuses.poll() : statuses.peek());
        }

        @Override
        public Optional<DeploymentView> deployment(UUID serverId) {
            return deployments.size() > 1 ? deployments.poll() : deployments.isEmpty() ? Optional.empty()
                    : deployments.peek();
        }

        private static final UUID ID = UUID.randomUUID();

        static RepositoryView view(RepositoryRequest request, RoleStatus status) {
            return new RepositoryView(ID, request.name(), request.description(), request.serverId(), "kvm01",
                    request.path(), request.maxConcurrentTasks(), new EncryptionView(true, true, null), false, status,
                    STARTED, STARTED);
        }
    }

    private final ScriptedEngine engine = new ScriptedEngine();
    private final List<Object> published = new ArrayList<>();
    private AddRepositoryViewModel wizard;

    @BeforeEach
    void setUp() {
        EventBus bus = new EventBus(Runnable::run);
        bus.subscribe(AddServerRequested.class, published::add);
        wizard = new AddRepositoryViewModel(engine, new CurrentThreadTaskExecutor(), bus, Duration.ZERO);
        wizard.loadServers();
    }

    private void fillIn() {
        wizard.nameProperty().set("Offsite");
        wizard.serverProperty().set(KVM);
        wizard.pathProperty().set("/srv/backups");
        wizard.passwordProperty().set("correct horse");
        wizard.confirmationProperty().set("correct horse");
        wizard.hintProperty().set("the usual one");
    }

    @Test
    void nextStaysBlockedUntilEachPageIsRightAndSaysWhy() {
        assertThat(wizard.valid(RepositoryWizardStep.NAME).get()).isFalse();
        assertThat(wizard.problem(RepositoryWizardStep.NAME).get()).isEqualTo("Type a name for the repository.");
        wizard.nameProperty().set("Offsite");
        assertThat(wizard.valid(RepositoryWizardStep.NAME).get()).isTrue();

        assertThat(wizard.valid(RepositoryWizardStep.SERVER).get()).isFalse();
        assertThat(wizard.servers()).containsExactly(KVM);
        wizard.serverProperty().set(KVM);
        assertThat(wizard.valid(RepositoryWizardStep.SERVER).get()).isTrue();
        assertThat(AddRepositoryViewModel.freeSpace(KVM)).isEqualTo("23.5 GiB free");

        assertThat(wizard.maxConcurrentTasksProperty().get()).isEqualTo(4);
        wizard.pathProperty().set("srv/backups");
        assertThat(wizard.problem(RepositoryWizardStep.REPOSITORY).get()).contains("absolute Linux path");
        wizard.pathProperty().set("/srv/backups/");
        assertThat(wizard.problem(RepositoryWizardStep.REPOSITORY).get()).contains("at the end");
        wizard.pathProperty().set("/srv/../etc");
        assertThat(wizard.valid(RepositoryWizardStep.REPOSITORY).get()).isFalse();
        wizard.pathProperty().set("/srv/backups");
        wizard.maxConcurrentTasksProperty().set(0);
        assertThat(wizard.fieldError(AddRepositoryViewModel.MAX_TASKS).get()).contains("from 1 to 128");
        wizard.maxConcurrentTasksProperty().set(8);
        assertThat(wizard.valid(RepositoryWizardStep.REPOSITORY).get()).isTrue();

        wizard.addServer();
        assertThat(published).containsExactly(new AddServerRequested("backup repository"));
    }

    @Test
    void thePasswordNeedsEightCharactersTheSameTwiceAndAHintThatIsNotIt() {
        RepositoryWizardStep page = RepositoryWizardStep.ENCRYPTION;
        assertThat(wizard.problem(page).get()).startsWith("Type a password");

        wizard.passwordProperty().set("short");
        assertThat(wizard.fieldError(AddRepositoryViewModel.PASSWORD).get()).contains("at least 8 characters");
        wizard.passwordProperty().set("long enough");
        assertThat(wizard.problem(page).get()).startsWith("Type the password again");
        wizard.confirmationProperty().set("long enougH");
        assertThat(wizard.fieldError(AddRepositoryViewModel.CONFIRMATION).get()).isEqualTo("The passwords do not match.");
        wizard.confirmationProperty().set("long enough");
        wizard.hintProperty().set("long enough");
        assertThat(wizard.fieldError(AddRepositoryViewModel.HINT).get()).startsWith("The hint must not be the password");
        assertThat(wizard.valid(page).get()).isFalse();
        wizard.hintProperty().set("in the safe");
        assertThat(wizard.valid(page).get()).isTrue();

        wizard.passwordProperty().set("");
        wizard.encryptProperty().set(false);
        assertThat(wizard.valid(page).get()).isTrue();
        assertThat(wizard.request().encryption().enabled()).isFalse();
        assertThat(wizard.request().encryption().password()).isNull();
    }

    @Test
    void theEnginesFieldErrorsShowOnTheirPageUntilTheFieldChanges() {
        fillIn();
        engine.refusal = new EngineRefusedException(new ApiError(409, "Conflict",
                "/srv/backups on 'kvm01' is already the repository 'Old'.", Map.of("path", "already a repository")));

        wizard.apply();

        assertThat(wizard.applyStateProperty().get()).isEqualTo(ApplyState.REFUSED);
        assertThat(wizard.applyMessageProperty().get()).startsWith("/srv/backups on 'kvm01' is already")
                .contains("Go back to the Repository page");
        assertThat(wizard.fieldError(AddRepositoryViewModel.PATH).get()).isEqualTo("Path: already a repository");
        assertThat(wizard.valid(RepositoryWizardStep.REPOSITORY).get()).isFalse();
        assertThat(wizard.valid(RepositoryWizardStep.NAME).get()).isTrue();

        wizard.pathProperty().set("/srv/offsite");
        assertThat(wizard.fieldError(AddRepositoryViewModel.PATH).get()).isNull();
        assertThat(wizard.valid(RepositoryWizardStep.REPOSITORY).get()).isTrue();

        engine.refusal = null;
        engine.statuses.add(RoleStatus.READY);
        wizard.apply();
        assertThat(wizard.applyStateProperty().get()).isEqualTo(ApplyState.READY);
        assertThat(engine.created.getLast().path()).isEqualTo("/srv/offsite");
    }

    @Test
    void applyFollowsTheAgentDeploymentAndTheSetupUntilReady() {
        fillIn();
        DeploymentView running = new DeploymentView(KVM.id(), "RUNNING", 40, 1000, List.of(
                new DeploymentView.Line(STARTED, "ANALYSE", "INFO", "Debian 12 on x86_64"),
                new DeploymentView.Line(STARTED, "UPLOAD", "INFO", "Uploading the agent")), STARTED, null);
        DeploymentView done = new DeploymentView(KVM.id(), "SUCCEEDED", 100, 2000, List.of(
                running.log().get(0), running.log().get(1),
                new DeploymentView.Line(STARTED, "HEALTH", "INFO", "The agent answers")), STARTED, STARTED);
        engine.statuses.addAll(List.of(new RoleStatus(AgentState.INSTALLING, null),
                new RoleStatus(AgentState.INSTALLING, "Waiting to be set up on the server."), RoleStatus.READY));
        engine.deployments.addAll(List.of(Optional.of(running), Optional.of(done)));

        wizard.apply();

        assertThat(wizard.applyStateProperty().get()).isEqualTo(ApplyState.READY);
        assertThat(wizard.valid(RepositoryWizardStep.APPLY).get()).isTrue();
        assertThat(wizard.applyLog()).containsSubsequence("Saved the repository 'Offsite' on the engine.",
                "Deploying the agent to the server first.", "Debian 12 on x86_64", "Uploading the agent",
                "The agent answers", "The repository is ready.");
        assertThat(engine.created).singleElement().satisfies(request -> {
            assertThat(request.encryption().password()).isEqualTo("correct horse");
            assertThat(request.encryption().passwordHint()).isEqualTo("the usual one");
            assertThat(request.maxConcurrentTasks()).isEqualTo(4);
        });
        assertThat(wizard.summary()).contains("'Offsite' is ready at /srv/backups on 'kvm01'");
    }

    @Test
    void aFailureOnTheServerShowsTheEnginesMessageAndRetrySavesAgain() {
        fillIn();
        engine.statuses.add(new RoleStatus(AgentState.FAILED, "Cannot create /srv/backups: read-only file system."));

        wizard.apply();

        assertThat(wizard.applyStateProperty().get()).isEqualTo(ApplyState.FAILED);
        assertThat(wizard.applyMessageProperty().get()).isEqualTo("Cannot create /srv/backups: read-only file system.");
        assertThat(wizard.retryableProperty().get()).isTrue();
        assertThat(wizard.valid(RepositoryWizardStep.APPLY).get()).isFalse();

        engine.statuses.clear();
        engine.statuses.add(RoleStatus.READY);
        wizard.retry();

        assertThat(engine.created).hasSize(1);
        assertThat(engine.updated).hasSize(1);
        assertThat(wizard.applyStateProperty().get()).isEqualTo(ApplyState.READY);
        assertThat(wizard.retryableProperty().get()).isFalse();
    }
}
