package io.bulwark.console.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.console.table.RowAction;
import io.bulwark.protocol.errors.ApiError;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.ServerView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ServerActionsTest {
    private final FakeServerApi engine = new FakeServerApi();
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private final List<String> opened = new ArrayList<>();
    private final Map<String, RowAction<ServerView>> actions = new ServerActions(engine, new CurrentThreadTaskExecutor(),
            dialogs).actions(() -> opened.add("New Linux Server"), server -> opened.add("Edit Server " + server.name()))
            .stream()
            .collect(Collectors.toMap(RowAction::id, Function.identity()));

    @Test
    void upgradeIsOfferedOnlyWhenAvailableAndRetryOnlyAfterAFailure() {
        ServerView upgradable = engine.add("kvm01", FakeServerApi.FACTS, AgentState.UPGRADE_AVAILABLE, false);
        ServerView failed = engine.add("kvm02", FakeServerApi.FACTS, AgentState.FAILED, false);
        ServerView thisServer = engine.add("This server", FakeServerApi.FACTS, AgentState.READY, true);

        assertThat(enabled("action-upgrade", upgradable, failed, thisServer, null)).containsExactly(true, false, false, false);
        assertThat(enabled("action-retry", upgradable, failed, thisServer, null)).containsExactly(false, true, false, false);
        assertThat(enabled("action-rescan", upgradable, failed, thisServer, null)).containsExactly(true, true, false, false);
        assertThat(enabled("action-edit-server", upgradable, failed, thisServer, null))
                .as("the engine's own host has no SSH settings").containsExactly(true, true, false, false);
        assertThat(enabled("action-add-server", (ServerView) null)).containsExactly(true);
    }

    @Test
    void retryDeploysAndAddAndEditOpenTheWizard() {
        ServerView failed = engine.add("kvm02", FakeServerApi.FACTS, AgentState.FAILED, false);

        actions.get("action-retry").run().accept(failed);
        actions.get("action-add-server").run().accept(null);
        actions.get("action-edit-server").run().accept(failed);

        assertThat(engine.deployed).containsExactly(failed.id());
        assertThat(opened).containsExactly("New Linux Server", "Edit Server kvm02");
        assertThat(dialogs.shown()).isEmpty();
    }

    @Test
    void removeAsksThenUninstallsAndForgetsAndTheEnginesOwnHostCannotBeRemoved() {
        ServerView kvm = engine.add("kvm01", FakeServerApi.FACTS, AgentState.READY, false);
        ServerView thisServer = engine.add("This server", FakeServerApi.FACTS, AgentState.READY, true);
        assertThat(enabled("action-remove-server", kvm, thisServer, null)).containsExactly(true, false, false);

        actions.get("action-remove-server").run().accept(kvm);
        assertThat(engine.removed).as("not confirmed").isEmpty();

        dialogs.confirming(true);
        actions.get("action-remove-server").run().accept(kvm);

        assertThat(engine.removed).containsExactly(kvm.id().toString());
        assertThat(dialogs.shown()).extracting(ScriptedDialogService.Shown::title)
                .containsExactly("Remove the server 'kvm01'?", "Remove the server 'kvm01'?");
    }

    @Test
    void aHostThatCannotBeReachedMayBeForgottenAfterASecondQuestion() {
        ServerView kvm = engine.add("kvm01", FakeServerApi.FACTS, AgentState.READY, false);
        engine.refuseRemove = new EngineRefusedException(new ApiError(502, "Bad Gateway",
                "kvm01 did not answer on port 22 within 20 s.", Map.of("problem", "UNREACHABLE")));
        dialogs.confirming(true);

        actions.get("action-remove-server").run().accept(kvm);

        assertThat(dialogs.shown()).last().satisfies(question -> {
            assertThat(question.title()).isEqualTo("Cannot remove the agent from 'kvm01'");
            assertThat(question.message()).startsWith("kvm01 did not answer").contains("Forget the server anyway?");
        });
        assertThat(engine.removed).containsExactly(kvm.id() + " forced");
    }

    @Test
    void aServerWithRolesIsNotForcedButExplained() {
        ServerView kvm = engine.add("kvm01", FakeServerApi.FACTS, AgentState.READY, false);
        engine.refuseRemove = new EngineRefusedException(new ApiError(409, "Conflict",
                "'kvm01' still has roles: proxy 'kvm01'. Remove those first.", Map.of()));
        dialogs.confirming(true);

        actions.get("action-remove-server").run().accept(kvm);

        assertThat(dialogs.shown()).last().satisfies(error -> {
            assertThat(error.kind()).isEqualTo("error");
            assertThat(error.message()).contains("still has roles");
        });
        assertThat(engine.removed).isEmpty();
    }

    private List<Boolean> enabled(String action, ServerView... rows) {
        return Arrays.stream(rows).map(row -> actions.get(action).enabledFor().test(row)).toList();
    }
}
