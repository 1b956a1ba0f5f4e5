package io.bulwark.console.repositories;

import atlantafx.base.theme.Styles;
import io.bulwark.console.common.ConsoleTheme;
import io.bulwark.console.common.Detail;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.FormGrid;
import io.bulwark.protocol.servers.ServerView;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.dialog.Wizard;
import org.controlsfx.dialog.WizardPane;

/**
 * The Add Backup Repository wizard, page by page as in Veeam's console: Name, Server, Repository,
 * Encryption, Review, Apply, Summary. A thin view: every value and every check is the
 * view-model's; the pages lay them out and bind Next to whether the page is right.
 */
public final class AddRepositoryWizard {
    private static final double PAGE_WIDTH = 820;
    private static final double PAGE_HEIGHT = 520;

    private final AddRepositoryViewModel viewModel;
    private final Wizard wizard = new Wizard(null, "Add Backup Repository");

    public AddRepositoryWizard(AddRepositoryViewModel viewModel) {
        this.viewModel = viewModel;
        wizard.setReadSettings(false); // the view-model holds the values, not the wizard's settings map
        wizard.setFlow(new Wizard.LinearFlow(
                new Page(RepositoryWizardStep.NAME, namePage(), () -> { }),
                new Page(RepositoryWizardStep.SERVER, serverPage(), () -> { }),
                new Page(RepositoryWizardStep.REPOSITORY, repositoryPage(), () -> { }),
                new Page(RepositoryWizardStep.ENCRYPTION, encryptionPage(), () -> { }),
                reviewPage(),
                new Page(RepositoryWizardStep.APPLY, applyPage(), viewModel::apply),
                summaryPage()));
    }

    /** Shows the wizard until the admin finishes or cancels it. */
    public void showAndWait(DialogService dialogs) {
        viewModel.loadServers();
        try {
            dialogs.showCustomDialogAndWait(wizard.getDialog());
        } finally {
            viewModel.close();
        }
    }

    private Node namePage() {
        TextField name = new TextField();
        name.setId("repository-name");
        name.setPromptText("Offsite repository");
        name.textProperty().bindBidirectional(viewModel.nameProperty());
        TextArea description = new TextArea();
        description.setId("repository-description");
        description.setPrefRowCount(4);
        description.setWrapText(true);
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());
        GridPane form = form();
        field(form, 0, "Name:", name, AddRepositoryViewModel.NAME);
        field(form, 2, "Description:", description, AddRepositoryViewModel.DESCRIPTION);
        return form;
    }

    private Node serverPage() {
        ListView<ServerView> servers = new ListView<>(viewModel.servers());
        servers.setId("repository-servers");
        servers.setPrefHeight(260);
        servers.setCellFactory(list -> new ServerCell());
        servers.getSelectionModel().selectedItemProperty().subscribe(chosen -> {
            if (chosen != null) {
                viewModel.serverProperty().set(chosen);
            }
        });
        viewModel.serverProperty().subscribe(chosen -> {
            if (chosen != servers.getSelectionModel().getSelectedItem()) {
                servers.getSelectionModel().select(chosen);
            }
        });
        Button addNew = new Button("Add New…");
        addNew.setId("repository-add-server");
        addNew.setOnAction(event -> viewModel.addServer());
        Label message = muted(new Label());
        message.textProperty().bind(viewModel.serversMessageProperty());
        HBox.setHgrow(servers, Priority.ALWAYS);
        VBox page = new VBox(8, new Label("Repository server:"), new HBox(8, servers, addNew), message,
                FormGrid.fieldError(viewModel.fieldError(AddRepositoryViewModel.SERVER)));
        return page;
    }

    private static final class ServerCell extends ListCell<ServerView> {
        @Override
        protected void updateItem(ServerView server, boolean empty) {
            super.updateItem(server, empty);
            setText(empty || server == null ? null : AddRepositoryViewModel.serverTitle(server) + " — "
                    + AddRepositoryViewModel.freeSpace(server));
        }
    }

    private Node repositoryPage() {
        TextField path = new TextField();
        path.setId("repository-path");
        path.setPromptText("/srv/backups");
        path.textProperty().bindBidirectional(viewModel.pathProperty());
        Spinner<Integer> tasks = new Spinner<>(1, AddRepositoryViewModel.MAX_TASKS_LIMIT,
                AddRepositoryViewModel.DEFAULT_MAX_TASKS);
        tasks.setId("repository-max-tasks");
        tasks.setEditable(true);
        tasks.getValueFactory().valueProperty().bindBidirectional(viewModel.maxConcurrentTasksProperty());
        Label freeSpace = muted(new Label());
        freeSpace.textProperty().bind(viewModel.serverProperty().map(server -> "On "
                + AddRepositoryViewModel.serverTitle(server) + ": " + AddRepositoryViewModel.freeSpace(server))
                .orElse(""));
        GridPane form = form();
        field(form, 0, "Path to folder:", path, AddRepositoryViewModel.PATH);
        form.add(freeSpace, 1, 2);
        field(form, 3, "Limit maximum concurrent tasks to:", tasks, AddRepositoryViewModel.MAX_TASKS);
        return form;
    }

    private Node encryptionPage() {
        CheckBox encrypt = new CheckBox("Encrypt the backups stored in this repository");
        encrypt.setId("repository-encrypt");
        encrypt.selectedProperty().bindBidirectional(viewModel.encryptProperty());
        PasswordField password = new PasswordField();
        password.setId("repository-password");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());
        PasswordField confirmation = new PasswordField();
        confirmation.setId("repository-confirm-password");
        confirmation.textProperty().bindBidirectional(viewModel.confirmationProperty());
        TextField hint = new TextField();
        hint.setId("repository-hint");
        hint.setPromptText("Where the password is kept, never the password itself");
        hint.textProperty().bindBidirectional(viewModel.hintProperty());
        for (TextInputControl input : List.of(password, confirmation, hint)) {
            input.disableProperty().bind(viewModel.encryptProperty().not());
        }
        GridPane form = form();
        form.add(encrypt, 0, 0, 2, 1);
        field(form, 1, "Password:", password, AddRepositoryViewModel.PASSWORD);
        field(form, 3, "Confirm password:", confirmation, AddRepositoryViewModel.CONFIRMATION);
        field(form, 5, "Password hint:", hint, AddRepositoryViewModel.HINT);
        Label warning = muted(new Label("Without the password nobody can restore from this repository, Bulwark "
                + "included if the engine's configuration is lost. Keep it somewhere safe."));
        warning.setWrapText(true);
        form.add(warning, 0, 7, 2, 1);
        return form;
    }

    private Page reviewPage() {
        GridPane details = form();
        details.setId("repository-review");
        return new Page(RepositoryWizardStep.REVIEW, details, () -> {
            details.getChildren().clear();
            List<Detail> review = viewModel.review();
            for (int row = 0; row < review.size(); row++) {
                Label value = new Label(review.get(row).value());
                value.setWrapText(true);
                details.addRow(row, muted(new Label(review.get(row).label() + ":")), value);
            }
        }) {
            @Override
            public void onEnteringPage(Wizard wizard) {
                super.onEnteringPage(wizard);
                button(this, ButtonData.NEXT_FORWARD).ifPresent(next -> next.setText("Apply"));
            }
        };
    }

    private Node applyPage() {
        Label message = new Label();
        message.setId("repository-apply-message");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.applyMessageProperty());
        message.styleProperty().bind(viewModel.applyStateProperty().map(state ->
                state == ApplyState.FAILED || state == ApplyState.REFUSED ? "-fx-text-fill: -color-danger-fg;" : ""));
        ProgressBar progress = new ProgressBar();
        progress.setId("repository-apply-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(viewModel.applyProgressProperty());
        progress.visibleProperty().bind(viewModel.applyStateProperty().map(state -> !state.finished()));
        Button retry = new Button("Retry");
        retry.setId("repository-retry");
        retry.visibleProperty().bind(viewModel.retryableProperty());
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(event -> viewModel.retry());
        ListView<String> log = new ListView<>(viewModel.applyLog());
        log.setId("repository-apply-log");
        VBox.setVgrow(log, Priority.ALWAYS);
        return new VBox(10, message, progress, retry, log);
    }

    private Page summaryPage() {
        Label summary = new Label();
        summary.setId("repository-summary");
        summary.setWrapText(true);
        ListView<String> log = new ListView<>(viewModel.applyLog());
        VBox.setVgrow(log, Priority.ALWAYS);
        return new Page(RepositoryWizardStep.SUMMARY, new VBox(10, summary, log),
                () -> summary.setText(viewModel.summary())) {
            @Override
            public void onEnteringPage(Wizard wizard) {
                super.onEnteringPage(wizard);
                button(this, ButtonData.CANCEL_CLOSE).ifPresent(cancel -> hide(cancel));
            }
        };
    }

    /**
     * One page: the list of steps on the left as Veeam shows it, the page's controls, and the reason
     * Next is disabled underneath them.
     */
    private class Page extends WizardPane {
        private final RepositoryWizardStep step;
        private final Runnable onEnter;

        Page(RepositoryWizardStep step, Node content, Runnable onEnter) {
            this.step = step;
            this.onEnter = onEnter;
            setId("repository-wizard-" + step.name().toLowerCase(java.util.Locale.ROOT));
            Label title = new Label(step.title());
            title.getStyleClass().add(Styles.TITLE_4);
            Label description = muted(new Label(step.description()));
            VBox header = new VBox(4, title, description);
            header.setPadding(new Insets(14, 20, 14, 20));
            setHeader(header);

            Label problem = FormGrid.fieldError(viewModel.problem(step));
            problem.setId("wizard-problem");
            VBox body = new VBox(12, content, problem);
            VBox.setVgrow(content, Priority.ALWAYS);
            HBox.setHgrow(body, Priority.ALWAYS);
            setContent(new HBox(24, steps(step), body));
            setPrefSize(PAGE_WIDTH, PAGE_HEIGHT);
            ConsoleTheme.apply(this);
        }

        @Override
        public void onEnteringPage(Wizard wizard) {
            // Next (or Finish) stays disabled until the view-model says the page is right.
            wizard.invalidProperty().unbind();
            wizard.invalidProperty().bind(viewModel.valid(step).not());
            button(this, ButtonData.BACK_PREVIOUS).ifPresent(previous -> {
                if (step == RepositoryWizardStep.APPLY) {
                    // Going back is for correcting what the engine refused or what failed on the server.
                    previous.visibleProperty().bind(viewModel.applyStateProperty().map(state ->
                            state == ApplyState.REFUSED || state == ApplyState.FAILED));
                } else if (step == RepositoryWizardStep.SUMMARY) {
                    hide(previous);
                }
            });
            onEnter.run();
        }

        @Override
        public void onExitingPage(Wizard wizard) {
            wizard.invalidProperty().unbind();
        }
    }

    private static VBox steps(RepositoryWizardStep current) {
        VBox steps = new VBox(10);
        steps.setMinWidth(130);
        for (RepositoryWizardStep step : RepositoryWizardStep.values()) {
            Label label = new Label(step.title());
            label.getStyleClass().add(step == current ? Styles.TEXT_BOLD : Styles.TEXT_MUTED);
            steps.getChildren().add(label);
        }
        return steps;
    }

    private static Optional<Button> button(WizardPane page, ButtonData data) {
        return page.getButtonTypes().stream().filter(type -> type.getButtonData() == data).findFirst()
                .map(page::lookupButton).filter(Button.class::isInstance).map(Button.class::cast);
    }

    private static void hide(Node node) {
        node.setVisible(false);
        node.setManaged(false);
    }

    private static GridPane form() {
        return FormGrid.of(140);
    }

    /** A labelled input, and under it the field's error while it has one (two rows). */
    private void field(GridPane form, int row, String label, Node input, String field) {
        Label caption = new Label(label);
        caption.setWrapText(true);
        caption.setLabelFor(input);
        form.add(caption, 0, row);
        form.add(input, 1, row);
        Label error = FormGrid.fieldError(viewModel.fieldError(field));
        error.setId("error-" + field.replace('.', '-'));
        form.add(error, 1, row + 1);
    }

    private static Label muted(Label label) {
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }
}
