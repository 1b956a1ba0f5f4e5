package io.bulwark.console.credentials;

import atlantafx.base.theme.Styles;
import io.bulwark.protocol.credentials.CredentialType;
import io.bulwark.protocol.credentials.CredentialView;
import java.io.IOException;
import java.nio.file.Files;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Adds a credential to the engine's store from inside a wizard; its result is the saved credential. */
public final class NewCredentialDialog extends Dialog<CredentialView> {
    private static final ButtonType SAVE = new ButtonType("OK", ButtonBar.ButtonData.OK_DONE);

    public NewCredentialDialog(NewCredentialViewModel viewModel) {
        setHeaderText("Credentials");
        getDialogPane().setId("new-credential");
        getDialogPane().getButtonTypes().addAll(SAVE, ButtonType.CANCEL);
        getDialogPane().setContent(form(viewModel));
        Button save = (Button) getDialogPane().lookupButton(SAVE);
        save.disableProperty().bind(viewModel.problemProperty().isNotEmpty().or(viewModel.savingProperty()));
        // The dialog stays open until the engine has the credential, so that a refusal can be read here.
        save.addEventFilter(ActionEvent.ACTION, event -> {
            event.consume();
            viewModel.save(credential -> {
                setResult(credential);
                close();
            });
        });
        setResultConverter(button -> null);
    }

    private Node form(NewCredentialViewModel viewModel) {
        ToggleGroup kind = new ToggleGroup();
        RadioButton password = new RadioButton("Password");
        password.setId("credential-type-password");
        password.setToggleGroup(kind);
        password.setUserData(CredentialType.PASSWORD);
        RadioButton key = new RadioButton("Private key");
        key.setId("credential-type-key");
        key.setToggleGroup(kind);
        key.setUserData(CredentialType.PRIVATE_KEY);
        kind.selectToggle(viewModel.typeProperty().get() == CredentialType.PRIVATE_KEY ? key : password);
        kind.selectedToggleProperty().subscribe(toggle -> viewModel.typeProperty().set(
                (CredentialType) toggle.getUserData()));

        TextField username = new TextField();
        username.setId("credential-username");
        username.textProperty().bindBidirectional(viewModel.usernameProperty());
        PasswordField secret = new PasswordField();
        secret.setId("credential-password");
        secret.textProperty().bindBidirectional(viewModel.passwordProperty());
        Label secretLabel = new Label();
        secretLabel.textProperty().bind(Bindings.when(viewModel.typeProperty().isEqualTo(CredentialType.PASSWORD))
                .then("Password").otherwise("Sudo password (optional)"));

        TextArea privateKey = new TextArea();
        privateKey.setId("credential-private-key");
        privateKey.setPromptText("-----BEGIN OPENSSH PRIVATE KEY-----");
        privateKey.setPrefRowCount(5);
        privateKey.textProperty().bindBidirectional(viewModel.privateKeyProperty());
        Button load = new Button("Load from file…");
        load.setOnAction(event -> {
            var file = new FileChooser().showOpenDialog(getDialogPane().getScene().getWindow());
            if (file != null) {
                try {
                    viewModel.privateKeyProperty().set(Files.readString(file.toPath()));
                } catch (IOException e) {
                    viewModel.privateKeyProperty().set("");
                }
            }
        });
        PasswordField passphrase = new PasswordField();
        passphrase.setId("credential-passphrase");
        passphrase.textProperty().bindBidirectional(viewModel.passphraseProperty());
        TextField description = new TextField();
        description.setId("credential-description");
        description.setPromptText("Shown in the credentials list; the user name when empty");
        description.textProperty().bindBidirectional(viewModel.descriptionProperty());

        GridPane grid = new GridPane(10, 8);
        grid.addRow(0, new Label("Type"), new HBox(16, password, key));
        grid.addRow(1, new Label("User name"), username);
        grid.addRow(2, secretLabel, secret);
        Label keyLabel = new Label("Private key");
        VBox keyBox = new VBox(4, privateKey, load);
        grid.addRow(3, keyLabel, keyBox);
        Label passphraseLabel = new Label("Passphrase");
        grid.addRow(4, passphraseLabel, passphrase);
        grid.addRow(5, new Label("Description"), description);
        for (Node keyOnly : new Node[] {keyLabel, keyBox, passphraseLabel, passphrase}) {
            keyOnly.visibleProperty().bind(viewModel.typeProperty().isEqualTo(CredentialType.PRIVATE_KEY));
            keyOnly.managedProperty().bind(keyOnly.visibleProperty());
        }

        Label problem = new Label();
        problem.getStyleClass().add(Styles.WARNING);
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.when(viewModel.errorProperty().isNotEmpty())
                .then(viewModel.errorProperty()).otherwise(viewModel.problemProperty()));
        VBox body = new VBox(12, grid, problem);
        body.setPrefWidth(520);
        return body;
    }
}
