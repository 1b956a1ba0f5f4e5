package io.bulwark.console.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.console.common.CurrentThreadTaskExecutor;
import io.bulwark.console.servers.FakeServerApi;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import io.bulwark.protocol.servers.AgentState;
import io.bulwark.protocol.servers.ServerView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddVirtualizationHostViewModelTest {
    private final FakeInventoryApi engine = new FakeInventoryApi();
    private final FakeServerApi serverSource = new FakeServerApi();
    private final AddVirtualizationHostViewModel form = new AddVirtualizationHostViewModel(engine,
            new CurrentThreadTaskExecutor());
    private final List<VirtualizationHostView> saved = new ArrayList<>();

    @Test
    void aServerThatIsAHostAlreadyIsGreyedAndTheFirstFreeOneIsChosenWithTheDatastoresItSaw() {
        ServerView taken = serverSource.add("kvm01", FakeServerApi.FACTS, AgentState.READY, false);
        ServerView free = serverSource.add("kvm02", FakeServerApi.FACTS, AgentState.READY, false);
        engine.servers.addAll(List.of(taken, free));
        VirtualizationHostView host = engine.host("kvm01", "/vms");
        engine.hosts.set(0, new VirtualizationHostView(host.id(), taken.id(), host.name(), host.address(),
                host.datastores(), 60, host.scanState(), null, null, 0, host.createdAt(), host.updatedAt()));

        form.load();

        assertThat(form.servers()).extracting(AddVirtualizationHostViewModel.ServerChoice::label)
                .containsExactly("kvm01 — a virtualization host already", "kvm02");
        assertThat(form.serverProperty().get().server()).isEqualTo(free);
        assertThat(form.paths()).isEqualTo(FakeServerApi.FACTS.datastores());
    }

    @Test
    void okWaitsForAbsoluteDatastoresAndARescanIntervalThenPostsTheHost() {
        ServerView kvm = serverSource.add("kvm02", null, AgentState.READY, false);
        engine.servers.add(kvm);
        form.load();
        assertThat(form.problem().get()).startsWith("Type at least one datastore");

        form.datastoresProperty().set("vms\n");
        assertThat(form.problem().get()).isEqualTo("'vms' is not an absolute path: datastores start with /.");
        form.datastoresProperty().set("  /srv/vms \n\n/data/images");
        form.rescanMinutesProperty().set("often");
        assertThat(form.problem().get()).startsWith("Rescan every: a number of minutes");
        form.rescanMinutesProperty().set("0");
        assertThat(form.problem().get()).isNull();

        form.save(saved::add);

        assertThat(engine.created).singleElement().satisfies(request -> {
            assertThat(request.serverId()).isEqualTo(kvm.id());
            assertThat(request.datastores()).containsExactly("/srv/vms", "/data/images");
            assertThat(request.rescanMinutes()).isZero();
        });
        assertThat(saved).hasSize(1);
    }

    @Test
    void theEnginesFieldErrorsStayUntilTheAdminChangesSomething() {
        ServerView kvm = serverSource.add("kvm02", null, AgentState.READY, false);
        engine.servers.add(kvm);
        form.load();
        form.datastoresProperty().set("/srv/vms\n/srv/vms/web");
        engine.refuse = FakeInventoryApi.refused(400, "Check the fields.",
                Map.of("datastores[1]", "must not lie inside another datastore or hold one (/srv/vms)"));

        form.save(saved::add);

        assertThat(saved).isEmpty();
        assertThat(form.problem().get()).isEqualTo(
                "Datastore '/srv/vms/web': must not lie inside another datastore or hold one (/srv/vms)");
        form.datastoresProperty().set("/srv/vms");
        assertThat(form.problem().get()).isNull();
    }
}
