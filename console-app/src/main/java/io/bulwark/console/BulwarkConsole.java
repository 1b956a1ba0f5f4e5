package io.bulwark.console;

import io.bulwark.console.ConsoleOptions.AutoLogin;
import io.bulwark.console.common.ConsoleTheme;
import io.bulwark.console.common.DialogService;
import io.bulwark.console.common.FxDialogService;
import io.bulwark.console.common.FxTaskExecutor;
import io.bulwark.console.common.OwnerOnlyFiles;
import io.bulwark.console.connection.ConnectDialog;
import io.bulwark.console.connection.ConnectViewModel;
import io.bulwark.console.connection.Connector;
import io.bulwark.console.connection.EngineConnection;
import io.bulwark.console.connection.PinnedCertificates;
import io.bulwark.console.connection.ProfileStore;
import io.bulwark.console.connection.TrustCertificateDialog;
import io.bulwark.console.shell.ConsoleSession;
import io.bulwark.console.shell.MainWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The console application: puts the parts together and moves the admin between the connect dialog
 * and the main window. One login at a time; each lives in a {@link ConsoleSession}.
 */
public final class BulwarkConsole extends Application {
    private ConsoleOptions options;
    private FxTaskExecutor tasks;
    private DialogService dialogs;
    private ConnectViewModel connectViewModel;
    private ConnectDialog connectDialog;
    private Stage mainStage;
    private ConsoleSession session;
    private MainWindow mainWindow;

    @Override
    public void init() {
        options = ConsoleOptions.parse(getParameters().getRaw(), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    @Override
    public void start(Stage primaryStage) {
        // The console hides one window before it shows the other; it ends when the admin closes one.
        Platform.setImplicitExit(false);
        ConsoleTheme.install();
        mainStage = primaryStage;
        Stage connectStage = new Stage();
        dialogs = new FxDialogService(() -> session != null ? mainStage : connectStage);
        Path configDirectory;
        try {
            configDirectory = OwnerOnlyFiles.createDirectory(options.configDirectory());
        } catch (IOException e) {
            dialogs.showError("The console cannot start", "Cannot create its configuration directory ("
                    + e + "). Choose another with --config-dir.");
            Platform.exit();
            return;
        }
        PinnedCertificates pins = new PinnedCertificates(configDirectory, Clock.systemUTC());
        tasks = new FxTaskExecutor();
        connectViewModel = new ConnectViewModel(new Connector(pins), pins, new ProfileStore(configDirectory), tasks,
                dialogs, (address, certificate) -> dialogs.showCustomDialogAndWait(
                        new TrustCertificateDialog(address, certificate)).orElse(false),
                this::openMainWindow);
        connectDialog = new ConnectDialog(connectViewModel, connectStage);
        connectStage.setOnCloseRequest(event -> Platform.exit());
        mainStage.setOnCloseRequest(event -> Platform.exit());
        options.autoLogin().ifPresentOrElse(this::logInAutomatically, connectDialog::show);
    }

    private void logInAutomatically(AutoLogin login) {
        String password;
        try {
            password = login.readPassword();
        } catch (IOException e) {
            connectViewModel.showError("Cannot read the password file " + login.passwordFile() + ": " + e.getMessage());
            connectDialog.show();
            return;
        }
        connectViewModel.connectAutomatically(login.engine(), login.fingerprint(), login.username(), password,
                connectDialog::show);
    }

    private void openMainWindow(EngineConnection connection) {
        session = new ConsoleSession(connection, tasks, dialogs, this::sessionEnded);
        mainWindow = new MainWindow(session.mainWindow(), mainStage);
        mainStage.show();
        connectDialog.hide();
        session.start();
    }

    private void sessionEnded(String message) {
        closeSession();
        connectViewModel.showError(message);
        connectDialog.show();
        mainStage.hide();
    }

    private void closeSession() {
        if (session != null) {
            session.close();
            session = null;
        }
        if (mainWindow != null) {
            mainWindow.dispose();
            mainWindow = null;
        }
    }

    @Override
    public void stop() {
        if (session != null) {
            session.logOutAndClose();
            session = null;
        }
        closeSession();
        if (tasks != null) {
            tasks.close();
        }
    }
}
