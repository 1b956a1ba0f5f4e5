package io.bulwark.console.connection;

import atlantafx.base.theme.Styles;
import io.bulwark.assets.BulwarkAssets;
import io.bulwark.console.common.ConsoleTheme;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The connect dialog: engine address, port, user name, password, and the saved connections. */
public final class ConnectDialog {
    private final ConnectViewModel viewModel;
    private final Stage stage;

    public ConnectDialog(ConnectViewModel viewModel, Stage stage) {
        this.viewModel = viewModel;
        this.stage = stage;
        stage.setTitle("Bulwark — Connect to a backup engine");
        stage.setResizable(false);
        ConsoleTheme.apply(stage, new Scene(new VBox(header(), form())));
        // The dialog is not resizable: it grows and shrinks with the message it shows.
        viewModel.errorMessageProperty().subscribe(message -> Platform.runLater(stage::sizeToScene));
    }

    public void show() {
        stage.show();
    }

    public void hide() {
        stage.hide();
    }

    private static HBox header() {
        ImageView logo = new ImageView(new Image(BulwarkAssets.applicationIcon(64)));
        Label title = new Label("Bulwark Backup & Replication");
        title.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label("Connect to a backup engine");
        HBox header = new HBox(14, logo, new VBox(2, title, subtitle));
        header.getStyleClass().add("connect-header");
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    private VBox form() {
        ComboBox<ConnectionProfile> profiles = new ComboBox<>(viewModel.profiles());
        profiles.setId("profiles");
        profiles.setPromptText("No saved connections");
        profiles.setMaxWidth(Double.MAX_VALUE);
        profiles.valueProperty().bindBidirectional(viewModel.selectedProfileProperty());
        Button removeProfile = new Button(null, new FontIcon(Material2AL.DELETE));
        removeProfile.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        removeProfile.setTooltip(new Tooltip("Remove this saved connection"));
        removeProfile.disableProperty().bind(viewModel.selectedProfileProperty().isNull());
        removeProfile.setOnAction(event -> viewModel.removeSelectedProfile());
        HBox.setHgrow(profiles, Priority.ALWAYS);

        TextField host = field("host", "backup.example.com");
        host.textProperty().bindBidirectional(viewModel.hostProperty());
        TextField port = field("port", "9392");
        port.setPrefColumnCount(5);
        port.textProperty().bindBidirectional(viewModel.portProperty());
        TextField username = field("username", "admin");
        username.textProperty().bindBidirectional(viewModel.usernameProperty());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.textProperty().bindBidirectional(viewModel.passwordProperty());

        GridPane grid = new GridPane();
        grid.getStyleClass().add("connect-form");
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields, new ColumnConstraints(), new ColumnConstraints());
        grid.add(new Label("Saved connection"), 0, 0);
        grid.add(new HBox(4, profiles, removeProfile), 1, 0, 3, 1);
        grid.add(new Label("Engine address"), 0, 1);
        grid.add(host, 1, 1);
        grid.add(new Label("Port"), 2, 1);
        grid.add(port, 3, 1);
        grid.add(new Label("User name"), 0, 2);
        grid.add(username, 1, 2, 3, 1);
        grid.add(new Label("Password"), 0, 3);
        grid.add(password, 1, 3, 3, 1);

        CheckBox remember = new CheckBox("Save this connection (never the password)");
        remember.selectedProperty().bindBidirectional(viewModel.rememberProfileProperty());

        Hyperlink forget = new Hyperlink("Forget the trusted certificate of this engine");
        forget.setId("forget-certificate");
        forget.visibleProperty().bind(viewModel.certificatePinnedProperty());
        forget.managedProperty().bind(forget.visibleProperty());
        forget.setOnAction(event -> viewModel.forgetCertificate());

        Label error = new Label();
        error.setId("connect-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.setMaxWidth(Double.MAX_VALUE);
        error.textProperty().bind(viewModel.errorMessageProperty());
        error.visibleProperty().bind(viewModel.errorMessageProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        VBox body = new VBox(14, grid, remember, forget, error, buttons());
        body.getStyleClass().add("connect-body");
        grid.disableProperty().bind(viewModel.busyProperty());
        return body;
    }

    private HBox buttons() {
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        Label progressText = new Label();
        progressText.textProperty().bind(viewModel.progressMessageProperty());
        HBox working = new HBox(8, progress, progressText);
        working.setAlignment(Pos.CENTER_LEFT);
        working.visibleProperty().bind(viewModel.busyProperty());

        Button cancel = new Button("Cancel");
        cancel.setId("cancel-connect");
        cancel.setCancelButton(true);
        cancel.visibleProperty().bind(viewModel.busyProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(event -> viewModel.cancel());

        Button connect = new Button("Connect", new FontIcon(Material2AL.LOGIN));
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.getStyleClass().add(Styles.ACCENT);
        connect.disableProperty().bind(viewModel.canConnectProperty().not());
        connect.setOnAction(event -> viewModel.connect());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(8, working, spacer, cancel, connect);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        return buttons;
    }

    private static TextField field(String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        return field;
    }
}
