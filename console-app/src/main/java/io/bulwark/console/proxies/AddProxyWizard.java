package io.bulwark.console.proxies;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.DetailsGrid;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.Formats;
import io.bulwark.console.wizard.ApplyPane;
import io.bulwark.console.wizard.WizardPage;
import io.bulwark.protocol.proxies.ProxyView;
import io.bulwark.protocol.servers.ServerView;
import io.bulwark.protocol.trafficrules.Throttle;
import io.bulwark.protocol.trafficrules.TrafficRuleView;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.dialog.Wizard;

/** The Add Proxy wizard's pages; all state and every rule are in {@link AddProxyWizardViewModel}. */
public final class AddProxyWizard {
    private final AddProxyWizardViewModel viewModel;
    private final DialogService dialogs;
    private final Supplier<Optional<ServerView>> newServer;

    private AddProxyWizard(AddProxyWizardViewModel viewModel, DialogService dialogs,
                           Supplier<Optional<ServerView>> newServer) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.newServer = newServer;
    }

    /**
     * Runs the wizard; the proxy it saved, if it got that far.
     *
     * @param newServer runs New Linux Server for "Add New…"; the server it saved, if any
     */
    public static Optional<ProxyView> show(AddProxyWizardViewModel viewModel, DialogService dialogs,
                                           Supplier<Optional<ServerView>> newServer) {
        AddProxyWizard wizard = new AddProxyWizard(viewModel, dialogs, newServer);
        try {
            dialogs.showWizardAndWait("New Backup Proxy", wizard.flow());
        } finally {
            viewModel.close();
        }
        return Optional.ofNullable(viewModel.proxyProperty().get());
    }

    private Wizard.Flow flow() {
        return new Wizard.LinearFlow(serverPage(), trafficPage(), rulesPage(), reviewPage(), applyPage(), finishPage());
    }

    private WizardPage serverPage() {
        ComboBox<ServerChoice> server = new ComboBox<>(viewModel.serverChoices());
        server.setId("add-proxy-server");
        server.setPromptText("Choose a managed server");
        server.setMaxWidth(Double.MAX_VALUE);
        server.valueProperty().bindBidirectional(viewModel.serverProperty());
        server.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ServerChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                setText(empty || choice == null ? null : choice.label());
                // A server that cannot be chosen is shown, greyed out, with its reason.
                setDisable(!empty && choice != null && !choice.available());
            }
        });
        server.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(ServerChoice choice, boolean empty) {
                super.updateItem(choice, empty);
                setText(empty || choice == null ? null : choice.server().name());
            }
        });
        HBox.setHgrow(server, Priority.ALWAYS);
        Button add = new Button("Add New…");
        add.setId("add-proxy-add-server");
        add.setOnAction(event -> newServer.get().ifPresent(viewModel::serverAdded));

        TextArea description = new TextArea();
        description.setId("add-proxy-description");
        description.setPrefRowCount(2);
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());

        Label transport = new Label();
        transport.setId("add-proxy-transport-shown");
        transport.textProperty().bind(Bindings.createStringBinding(() -> {
            TransportSettings chosen = viewModel.transportProperty().get();
            return chosen.mode().title() + (chosen.failoverToNetwork() ? ", failover to network" : "")
                    + (chosen.hostToProxyEncryption() ? ", encrypted in network mode" : "");
        }, viewModel.transportProperty()));
        Button chooseTransport = new Button("Choose…");
        chooseTransport.setId("add-proxy-transport");
        chooseTransport.disableProperty().bind(viewModel.serverProperty().isNull());
        chooseTransport.setOnAction(event -> dialogs.showCustomDialogAndWait(new TransportModeDialog(
                viewModel.transportProperty().get(), viewModel.unavailableModes()))
                .ifPresent(viewModel.transportProperty()::set));

        Label datastores = new Label();
        datastores.setId("add-proxy-datastores-shown");
        datastores.textProperty().bind(Bindings.createStringBinding(() -> viewModel.datastoresProperty().get()
                .automatic() ? "Automatic detection" : String.join(", ", viewModel.datastoresProperty().get().paths()),
                viewModel.datastoresProperty()));
        Button chooseDatastores = new Button("Choose…");
        chooseDatastores.setId("add-proxy-datastores");
        chooseDatastores.disableProperty().bind(viewModel.serverProperty().isNull());
        chooseDatastores.setOnAction(event -> dialogs.showCustomDialogAndWait(new DatastoresDialog(
                viewModel.datastoresProperty().get(), viewModel.knownDatastores()))
                .ifPresent(viewModel.datastoresProperty()::set));

        Label loadError = new Label();
        loadError.getStyleClass().add(Styles.DANGER);
        loadError.textProperty().bind(viewModel.serversErrorProperty());

        GridPane grid = new GridPane(10, 8);
        grid.addRow(0, new Label("Transport mode"), transport, chooseTransport);
        grid.addRow(1, new Label("Connected datastores"), datastores, chooseDatastores);
        GridPane.setHgrow(transport, Priority.ALWAYS);
        VBox content = new VBox(6, new Label("Choose server"), new HBox(6, server, add), new Label("Proxy description"),
                description, grid, loadError);
        return new WizardPage("add-proxy-server-page", "Server: which managed server becomes a backup proxy", content,
                viewModel.serverProblem())
                .onEnter(() -> {
                    if (viewModel.serverChoices().isEmpty()) {
                        viewModel.loadServers();
                    }
                });
    }

    private WizardPage trafficPage() {
        TextField tasks = new TextField();
        tasks.setId("add-proxy-max-tasks");
        tasks.setPrefColumnCount(5);
        tasks.textProperty().bindBidirectional(viewModel.maxTasksProperty());
        Label why = new Label("Each task processes one disk. One task per CPU core of the server keeps it busy without "
                + "starving it; the number proposed is the server's core count (2 when it is not known).");
        why.getStyleClass().add(Styles.TEXT_MUTED);
        why.setWrapText(true);
        return new WizardPage("add-proxy-traffic-page", "Traffic: how many tasks the proxy runs at once",
                new VBox(8, new HBox(10, new Label("Max concurrent tasks"), tasks), why), viewModel.tasksProblem());
    }

    private WizardPage rulesPage() {
        TableView<TrafficRuleView> rules = new TableView<>(viewModel.trafficRules());
        rules.setId("add-proxy-traffic-rules");
        rules.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rules.getColumns().addAll(List.of(
                column("Name", TrafficRuleView::name),
                column("Source", TrafficRuleView::sourceRange),
                column("Target", TrafficRuleView::targetRange),
                column("Encryption", rule -> Formats.yesNo(rule.encrypt())),
                column("Throttling", rule -> throttle(rule.throttle()))));
        Label note = new Label();
        note.setWrapText(true);
        note.textProperty().bind(viewModel.trafficRulesNoteProperty());
        rules.setPlaceholder(note);
        Hyperlink manage = new Hyperlink("Manage network traffic rules…");
        manage.setId("add-proxy-manage-rules");
        manage.setOnAction(event -> viewModel.manageTrafficRules());
        return new WizardPage("add-proxy-rules-page", "Traffic Rules: what applies to this server's traffic",
                new VBox(8, rules, manage), Bindings.createStringBinding(() -> ""))
                .onEnter(viewModel::loadTrafficRules);
    }

    private static TableColumn<TrafficRuleView, String> column(String title, Function<TrafficRuleView, String> value) {
        TableColumn<TrafficRuleView, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static String throttle(Throttle throttle) {
        return throttle == null || !throttle.enabled() ? "No"
                : throttle.value() + " " + Formats.text(throttle.unit());
    }

    private WizardPage reviewPage() {
        GridPane details = DetailsGrid.of(viewModel.review());
        details.setId("add-proxy-review");
        return new WizardPage("add-proxy-review-page", "Review: Apply saves the backup proxy", details,
                Bindings.createStringBinding(() -> ""))
                .onEnter(() -> DetailsGrid.fill(details, viewModel.review()));
    }

    private WizardPage applyPage() {
        return new WizardPage("add-proxy-apply", "Apply: saving the proxy and getting it ready",
                ApplyPane.of("add-proxy", viewModel.progress(), viewModel::apply), Bindings.createStringBinding(() -> ""))
                .busyWhile(viewModel.applyUnfinished())
                .noWayBackWhen(viewModel.noWayBack())
                .onEnter(viewModel::apply);
    }

    private WizardPage finishPage() {
        GridPane details = DetailsGrid.of(List.of());
        details.setId("add-proxy-finish");
        return new WizardPage("add-proxy-finish-page", "Finish: the backup proxy is ready", details,
                Bindings.createStringBinding(() -> ""))
                .noWayBackWhen(Bindings.createBooleanBinding(() -> true))
                .onEnter(() -> {
                    ProxyView proxy = viewModel.proxyProperty().get();
                    DetailsGrid.fill(details, proxy == null ? List.of() : List.of(
                            new Detail("Backup proxy", proxy.name()),
                            new Detail("State", Formats.label(proxy.status() == null ? null : proxy.status().state())),
                            new Detail("Transport mode", proxy.transportMode().title()),
                            new Detail("Max concurrent tasks", String.valueOf(proxy.maxConcurrentTasks())),
                            new Detail("Next", "Jobs can use it now; the scheduler gives it tasks as slots free up.")));
                });
    }
}
