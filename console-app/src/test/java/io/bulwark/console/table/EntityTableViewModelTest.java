package io.bulwark.console.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.EventBus;
import io.bulwark.console.common.ScriptedDialogService;
import io.bulwark.console.connection.ConnectionEvents.StreamOpened;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.EntityView;
import io.bulwark.protocol.errors.ApiError;
import io.bulwark.protocol.events.ChangeAction;
import io.bulwark.protocol.events.ChangeEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EntityTableViewModelTest {
    record Thing(UUID id, String name) implements EntityView {
    }

    /** The engine's collection, in memory: what a table view-model needs of it and nothing more. */
    static final class Things implements EntitySource<Thing> {
        final List<Thing> stored = new ArrayList<>();
        int lists;
        RuntimeException failure;

        @Override
        public List<Thing> list() {
            lists++;
            if (failure != null) {
                throw failure;
            }
            return List.copyOf(stored);
        }

        @Override
        public void delete(UUID id) {
            if (failure != null) {
                throw failure;
            }
            stored.removeIf(thing -> thing.id().equals(id));
        }
    }

    private final Things things = new Things();
    private final EventBus bus = new EventBus(Runnable::run);
    private final ScriptedDialogService dialogs = new ScriptedDialogService();
    private EntityTableViewModel<Thing> viewModel;

    @BeforeEach
    void setUp() {
        TableDefinition<Thing> definition = TableDefinition.of("Backup Proxies", "backup proxy", "/api/v1/proxies",
                Thing.class, List.of("/api/v1/servers"), List.of(Column.of("Name", 100, Thing::name)),
                thing -> List.of(new Detail("Name", thing.name())), true);
        viewModel = new EntityTableViewModel<>(definition, things, new CurrentThreadTaskExecutor(), dialogs, bus);
    }

    private static ChangeEvent change(String collection) {
        return new ChangeEvent(1, Instant.now(), collection, ChangeAction.CREATED, UUID.randomUUID(), "admin");
    }

    @Test
    void reloadsOnChangesOfItsOwnAndOfJoinedCollectionsOnly() {
        viewModel.reload();
        Thing proxy = new Thing(UUID.randomUUID(), "Built-in proxy");
        things.stored.add(proxy);

        bus.publish(change("repositories"));
        assertThat(viewModel.rows()).isEmpty();

        bus.publish(change("proxies"));
        assertThat(viewModel.rows()).containsExactly(proxy);

        bus.publish(change("servers"));
        assertThat(things.lists).isEqualTo(3);
    }

    @Test
    void reloadsWhenTheEventStreamOpensAgain() {
        things.stored.add(new Thing(UUID.randomUUID(), "proxy01"));

        bus.publish(new StreamOpened(true));

        assertThat(viewModel.rows()).extracting(Thing::name).containsExactly("proxy01");
    }

    @Test
    void keepsTheSelectedRowAcrossAReload() {
        Thing proxy = new Thing(UUID.randomUUID(), "proxy01");
        things.stored.add(proxy);
        viewModel.reload();
        viewModel.selectedProperty().set(proxy);

        Thing renamed = new Thing(proxy.id(), "proxy01-renamed");
        things.stored.set(0, renamed);
        viewModel.reload();

        assertThat(viewModel.selectedProperty().get()).isEqualTo(renamed);
    }

    @Test
    void aFailedLoadKeepsTheRowsAndSaysWhy() {
        things.stored.add(new Thing(UUID.randomUUID(), "proxy01"));
        viewModel.reload();
        things.failure = new IllegalStateException("Cannot reach backup01:9392: connection refused.");

        viewModel.reload();

        assertThat(viewModel.rows()).hasSize(1);
        assertThat(viewModel.placeholderProperty().get())
                .isEqualTo("Cannot load backup proxies: Cannot reach backup01:9392: connection refused.");
        assertThat(viewModel.loadingProperty().get()).isFalse();
    }

    @Test
    void removesOnlyAfterConfirmation() {
        Thing proxy = new Thing(UUID.randomUUID(), "proxy01");
        things.stored.add(proxy);
        viewModel.reload();
        viewModel.selectedProperty().set(proxy);

        dialogs.confirming(false);
        viewModel.removeSelected();
        assertThat(things.stored).containsExactly(proxy);

        dialogs.confirming(true);
        viewModel.removeSelected();
        assertThat(things.stored).isEmpty();
        assertThat(viewModel.rows()).isEmpty();
        assertThat(dialogs.shown()).extracting(ScriptedDialogService.Shown::title)
                .containsOnly("Remove the backup proxy 'proxy01'?");
    }

    @Test
    void showsTheEnginesReasonWhenItRefusesToRemove() {
        Thing proxy = new Thing(UUID.randomUUID(), "Built-in proxy");
        things.stored.add(proxy);
        viewModel.reload();
        viewModel.selectedProperty().set(proxy);
        things.failure = new EngineRefusedException(new ApiError(409, "Conflict",
                "'Built-in proxy' is the built-in proxy of the backup server and cannot be removed.", null));

        dialogs.confirming(true);
        viewModel.removeSelected();

        assertThat(dialogs.shown().getLast()).isEqualTo(new ScriptedDialogService.Shown("error",
                "Cannot remove the backup proxy 'Built-in proxy'",
                "'Built-in proxy' is the built-in proxy of the backup server and cannot be removed."));
    }
}
