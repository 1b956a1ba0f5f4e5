package io.bulwark.console.inventory;

import io.bulwark.console.common.BackgroundTask;
import io.bulwark.console.common.TaskExecutor;
import io.bulwark.console.connection.EngineRefusedException;
import io.bulwark.protocol.inventory.VirtualizationHostRequest;
import io.bulwark.protocol.inventory.VirtualizationHostView;
import io.bulwark.protocol.servers.ServerView;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * Add Virtualization Host: a managed server, the folders that hold its VMs (one per line), how
 * often to scan it. Saving makes the engine scan it at once; the tree shows what it found.
 */
public final class AddVirtualizationHostViewModel {
    static final int DEFAULT_RESCAN_MINUTES = 60;
    static final int MAX_RESCAN_MINUTES = 7 * 24 * 60;

    /** A server in the list, and why it cannot be chosen (it is a virtualization host already). */
    public record ServerChoice(ServerView server, String unavailableBecause) {
        public boolean available() {
            return unavailableBecause == null;
        }

        public String label() {
            String title = server.address() == null || server.address().equals(server.name()) ? server.name()
                    : server.name() + " (" + server.address() + ")";
            return available() ? title : title + " — " + unavailableBecause;
        }
    }

    private final InventoryApi api;
    private final TaskExecutor tasks;

    private final ObservableList<ServerChoice> servers = FXCollections.observableArrayList();
    private final ObjectProperty<ServerChoice> server = new SimpleObjectProperty<>();
    private final StringProperty datastores = new SimpleStringProperty("");
    private final StringProperty rescanMinutes = new SimpleStringProperty(String.valueOf(DEFAULT_RESCAN_MINUTES));
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    /** The engine's complaints by field; withdrawn when the admin changes anything. */
    private final ObservableMap<String, String> engineErrors = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final StringBinding problem;

    public AddVirtualizationHostViewModel(InventoryApi api, TaskExecutor tasks) {
        this.api = api;
        this.tasks = tasks;
        problem = Bindings.createStringBinding(this::check, server, datastores, rescanMinutes, engineErrors, refusal,
                loaded);
        server.addListener((observable, old, chosen) -> {
            engineErrors.clear();
            refusal.set("");
            // The folders the installer saw on the server are where its VMs most likely are.
            if (chosen != null && datastores.get().isBlank() && chosen.server().facts() != null
                    && chosen.server().facts().datastores() != null) {
                datastores.set(String.join("\n", chosen.server().facts().datastores()));
            }
        });
        datastores.addListener((observable, old, text) -> withdrawRefusal());
        rescanMinutes.addListener((observable, old, text) -> withdrawRefusal());
    }

    private void withdrawRefusal() {
        engineErrors.clear();
        refusal.set("");
    }

    /** Reads the managed servers, and which are virtualization hosts already. */
    public void load() {
        tasks.execute(BackgroundTask.of("Loading the managed servers", () -> choices(api.servers(), api.hosts()))
                .onSuccess(choices -> {
                    servers.setAll(choices);
                    loadError.set("");
                    loaded.set(true);
                    if (server.get() == null) {
                        server.set(choices.stream().filter(ServerChoice::available).findFirst().orElse(null));
                    }
                })
                .onFailure(failure -> loadError.set("Cannot load the managed servers: " + message(failure))));
    }

    static List<ServerChoice> choices(List<ServerView> all, List<VirtualizationHostView> hosts) {
        Set<UUID> taken = hosts.stream().map(VirtualizationHostView::serverId).collect(Collectors.toSet());
        return all.stream()
                .sorted(Comparator.comparing((ServerView server) -> !server.builtIn())
                        .thenComparing(ServerView::name, String.CASE_INSENSITIVE_ORDER))
                .map(server -> new ServerChoice(server, taken.contains(server.id())
                        ? "a virtualization host already" : null))
                .toList();
    }

    /** The folders typed, one a line, blank lines and spaces around them left out. */
    List<String> paths() {
        return Arrays.stream(datastores.get().split("\\R")).map(String::strip).filter(line -> !line.isEmpty())
                .toList();
    }

    private String check() {
        if (!refusal.get().isEmpty()) {
            return refusal.get();
        }
        if (!engineErrors.isEmpty()) {
            return engineErrors.entrySet().stream().map(error -> field(error.getKey()) + " " + error.getValue())
                    .sorted().collect(Collectors.joining("\n"));
        }
        ServerChoice chosen = server.get();
        if (chosen == null) {
            return loaded.get() && servers.isEmpty() ? "There is no managed server yet: add one in Managed Servers."
                    : "Choose the managed server that runs the VMs.";
        }
        if (!chosen.available()) {
            return chosen.server().name() + " is " + chosen.unavailableBecause() + ". Choose another server.";
        }
        List<String> paths = paths();
        if (paths.isEmpty()) {
            return "Type at least one datastore: a folder that holds one folder per VM, such as /var/lib/libvirt/images.";
        }
        for (String path : paths) {
            if (!path.startsWith("/")) {
                return "'" + path + "' is not an absolute path: datastores start with /.";
            }
        }
        if (paths.stream().distinct().count() < paths.size()) {
            return "A datastore is listed twice.";
        }
        Integer minutes = number(rescanMinutes.get());
        if (minutes == null || minutes < 0 || minutes > MAX_RESCAN_MINUTES) {
            return "Rescan every: a number of minutes from 0 (only on demand) to " + MAX_RESCAN_MINUTES + ".";
        }
        return null;
    }

    private String field(String key) {
        if (key.startsWith("datastores[")) {
            int index = Integer.parseInt(key.substring("datastores[".length(), key.indexOf(']')));
            List<String> paths = paths();
            return "Datastore " + (index < paths.size() ? "'" + paths.get(index) + "'" : "#" + (index + 1)) + ":";
        }
        return switch (key) {
            case "serverId" -> "Server:";
            case "datastores" -> "Datastores:";
            case "rescanMinutes" -> "Rescan every:";
            default -> key + ":";
        };
    }

    /** Saves the host; {@code saved} runs with it, on the FX thread, when the engine took it. */
    public void save(Consumer<VirtualizationHostView> saved) {
        if (saving.get() || problem.get() != null) {
            return;
        }
        VirtualizationHostRequest request = new VirtualizationHostRequest(server.get().server().id(), paths(),
                number(rescanMinutes.get()));
        saving.set(true);
        tasks.execute(BackgroundTask.of("Adding the virtualization host " + server.get().server().name(),
                        () -> api.create(request))
                .onSuccess(host -> {
                    saving.set(false);
                    saved.accept(host);
                })
                .onFailure(failure -> {
                    saving.set(false);
                    if (failure instanceof EngineRefusedException refused && !refused.fields().isEmpty()) {
                        engineErrors.putAll(refused.fields());
                    } else {
                        refusal.set(message(failure));
                    }
                }));
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String message(Exception failure) {
        return Objects.requireNonNullElse(failure.getMessage(), failure.toString());
    }

    public ObservableList<ServerChoice> servers() {
        return servers;
    }

    public ObjectProperty<ServerChoice> serverProperty() {
        return server;
    }

    public StringProperty datastoresProperty() {
        return datastores;
    }

    public StringProperty rescanMinutesProperty() {
        return rescanMinutes;
    }

    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    /** Why OK is disabled: the engine's refusal, else what the form still lacks; null when it may save. */
    public StringBinding problem() {
        return problem;
    }

    /** The engine's field errors as they came, for tests. */
    Map<String, String> engineErrors() {
        return engineErrors;
    }
}
