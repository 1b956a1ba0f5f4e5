package io.bulwark.console.servers;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.DetailsGrid;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.credentials.NewCredentialDialog;
import io.bulwark.console.wizard.ApplyPane;
import io.bulwark.console.wizard.WizardPage;
import io.bulwark.protocol.credentials.CredentialView;
import io.bulwark.protocol.servers.HostKeyView;
import io.bulwark.protocol.servers.ServerView;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.dialog.Wizard;

/**
 * The New Linux Server and Edit Server wizard's pages. All state and every rule are in
 * {@link ServerWizardViewModel}; this only lays out and binds.
 */
public final class ServerWizard {
    private final ServerWizardViewModel viewModel;
    private final DialogService dialogs;

    private ServerWizard(ServerWizardViewModel viewModel, DialogService dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    /** Runs the wizard; the server it saved, if it got that far (even when its deployment failed). */
    public static Optional<ServerView> show(ServerWizardViewModel viewModel, DialogService dialogs) {
        ServerWizard wizard = new ServerWizard(viewModel, dialogs);
        try {
            dialogs.showWizardAndWait(viewModel.title(), wizard.flow());
        } finally {
            viewModel.close();
        }
        return Optional.ofNullable(viewModel.serverProperty().get());
    }

    private Wizard.Flow flow() {
        return new Wizard.LinearFlow(namePage(), connectionPage(), hostKeyPage(), reviewPage(), applyPage(),
                summaryPage());
    }

    private WizardPage namePage() {
        TextField address = new TextField();
        address.setId("new-server-address");
        address.setPromptText("kvm01.example.com or 192.0.2.10");
        address.textProperty().bindBidirectional(viewModel.addressProperty());
        // An edited server keeps its address: another address is another server, with its own key and roles.
        address.setDisable(viewModel.editing());
        TextArea description = new TextArea();
        description.setId("new-server-description");
        description.setPrefRowCount(3);
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());
        CheckBox hardened = new CheckBox("This server is a hardened repository");
        hardened.setId("new-server-hardened");
        hardened.selectedProperty().bindBidirectional(viewModel.hardenedRepositoryProperty());
        Label hardenedMeans = new Label("A hardened repository is kept apart from production storage, so that an "
                + "attack on one cannot reach the other. A backup proxy on it reads in Network mode only.");
        hardenedMeans.getStyleClass().add(Styles.TEXT_MUTED);
        hardenedMeans.setWrapText(true);
        VBox content = new VBox(6, new Label("DNS name or IP address"), address, new Label("Description"), description,
                hardened, hardenedMeans);
        return new WizardPage("new-server-name", viewModel.editing() ? "Name: the server and what it is for"
                : "Name: which Linux server to add", content, viewModel.nameProblem());
    }

    private WizardPage connectionPage() {
        ComboBox<CredentialView> credential = new ComboBox<>(viewModel.credentials());
        credential.setId("new-server-credential");
        credential.setPromptText("Choose the account to log in with");
        credential.setMaxWidth(Double.MAX_VALUE);
        credential.valueProperty().bindBidirectional(viewModel.credentialProperty());
        credential.setConverter(new StringConverter<>() {
            @Override
            public String toString(CredentialView view) {
                return view == null ? "" : ServerWizardViewModel.describe(view);
            }

            @Override
            public CredentialView fromString(String text) {
                return null;
            }
        });
        credential.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(CredentialView view, boolean empty) {
                super.updateItem(view, empty);
                setText(empty || view == null ? null : ServerWizardViewModel.describe(view));
            }
        });
        HBox.setHgrow(credential, Priority.ALWAYS);
        Button add = new Button("Add…");
        add.setId("new-server-add-credential");
        add.setOnAction(event -> dialogs.showCustomDialogAndWait(new NewCredentialDialog(viewModel.newCredential()))
                .ifPresent(viewModel::credentialAdded));

        TextField port = new TextField();
        port.setId("new-server-ssh-port");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(viewModel.sshPortProperty());
        Button advanced = new Button("Advanced…");
        advanced.setId("new-server-advanced");
        advanced.setOnAction(event -> dialogs.showCustomDialogAndWait(new ServerPortsDialog(viewModel.portsForm()))
                .ifPresent(viewModel.portsProperty()::set));
        Label portsShown = new Label();
        portsShown.getStyleClass().add(Styles.TEXT_MUTED);
        portsShown.textProperty().bind(Bindings.createStringBinding(() -> "Data mover ports "
                + viewModel.portsProperty().get().dataPortFirst() + "–" + viewModel.portsProperty().get().dataPortLast()
                + ", control port " + viewModel.portsProperty().get().controlPort(), viewModel.portsProperty()));

        Label loadError = new Label();
        loadError.getStyleClass().add(Styles.DANGER);
        loadError.textProperty().bind(viewModel.credentialsErrorProperty());

        VBox content = new VBox(6, new Label("Credentials"), new HBox(6, credential, add),
                new Label("SSH port"), new HBox(10, port, advanced, portsShown), loadError);
        return new WizardPage("new-server-ssh", "SSH Connection: how Bulwark logs in to the server", content,
                viewModel.connectionProblem())
                .onEnter(viewModel::loadCredentials);
    }

    private WizardPage hostKeyPage() {
        Label endpoint = new Label();
        Label algorithm = new Label();
        TextField fingerprint = new TextField();
        fingerprint.setId("new-server-fingerprint");
        fingerprint.setEditable(false);
        fingerprint.getStyleClass().add("fingerprint");
        viewModel.hostKeyProperty().subscribe((HostKeyView key) -> {
            endpoint.setText(key == null ? "" : key.address() + ", SSH port " + key.sshPort());
            algorithm.setText(key == null ? "" : key.algorithm());
            fingerprint.setText(key == null ? "" : key.fingerprint());
        });
        GridPane key = new GridPane(10, 8);
        key.addRow(0, new Label("Host"), endpoint);
        key.addRow(1, new Label("Key type"), algorithm);
        key.addRow(2, new Label("Fingerprint"), fingerprint);
        GridPane.setHgrow(fingerprint, Priority.ALWAYS);
        Label comparison = new Label();
        comparison.setId("new-server-host-key-comparison");
        comparison.setWrapText(true);
        comparison.textProperty().bind(viewModel.hostKeyComparison());
        comparison.visibleProperty().bind(comparison.textProperty().isNotEmpty());
        comparison.managedProperty().bind(comparison.visibleProperty());
        viewModel.hostKeyChanged().subscribe(changed -> comparison.getStyleClass()
                .setAll("label", changed ? Styles.WARNING : Styles.SUCCESS));
        Label question = new Label("Do you trust this host key? Bulwark pins it: a host that later presents "
                + "another key is refused until an administrator accepts the new one.");
        question.setWrapText(true);

        Button yes = new Button("Yes");
        yes.setId("host-key-yes");
        yes.getStyleClass().add(Styles.ACCENT);
        Button no = new Button("No");
        no.setId("host-key-no");
        HBox answers = new HBox(8, yes, no);
        VBox keyShown = new VBox(12, key, comparison, question, answers);
        keyShown.visibleProperty().bind(viewModel.hostKeyProperty().isNotNull());
        keyShown.managedProperty().bind(keyShown.visibleProperty());

        Button again = new Button("Try again");
        again.setId("host-key-retry");
        again.setOnAction(event -> viewModel.readHostKeyAgain());
        again.visibleProperty().bind(viewModel.hostKeyErrorProperty().isNotEmpty());
        again.managedProperty().bind(again.visibleProperty());

        WizardPage page = new WizardPage("new-server-host-key", "Host Key: is this the server you mean?",
                new VBox(12, keyShown, again), viewModel.hostKeyProblem())
                .busyWhile(viewModel.hostKeyCheckingProperty())
                .onEnter(viewModel::readHostKey);
        yes.setOnAction(event -> {
            viewModel.acceptHostKey();
            page.goOn();
        });
        no.setOnAction(event -> {
            viewModel.rejectHostKey();
            page.goBack();
        });
        return page;
    }

    private WizardPage reviewPage() {
        GridPane details = DetailsGrid.of(viewModel.review());
        details.setId("new-server-review");
        return new WizardPage("new-server-review-page", "Review: Apply saves the server and deploys the agent",
                details, Bindings.createStringBinding(() -> ""))
                .onEnter(() -> DetailsGrid.fill(details, viewModel.review()));
    }

    private WizardPage applyPage() {
        Node body = ApplyPane.of("new-server", viewModel.progress(), viewModel::apply);
        return new WizardPage("new-server-apply", "Apply: saving the server and deploying the agent", body,
                Bindings.createStringBinding(() -> ""))
                .busyWhile(viewModel.applyUnfinished())
                .noWayBackWhen(viewModel.noWayBack())
                .onEnter(viewModel::apply);
    }

    private WizardPage summaryPage() {
        GridPane details = DetailsGrid.of(viewModel.summary());
        details.setId("new-server-summary");
        return new WizardPage("new-server-summary-page", "Summary: what Bulwark found on the server", details,
                Bindings.createStringBinding(() -> ""))
                .noWayBackWhen(Bindings.createBooleanBinding(() -> true))
                .onEnter(() -> DetailsGrid.fill(details, viewModel.summary()));
    }
}
