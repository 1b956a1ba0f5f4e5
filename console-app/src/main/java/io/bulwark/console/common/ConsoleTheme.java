package io.bulwark.console.common;

import atlantafx.base.theme.PrimerLight;
import io.bulwark.assets.BulwarkAssets;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The one look of the console: AtlantaFX's Primer Light, the console's stylesheet, the shield icon. */
public final class ConsoleTheme {
    private ConsoleTheme() {
    }

    /** Once, before the first window. */
    public static void install() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    public static void apply(Stage stage, Scene scene) {
        scene.getStylesheets().add(BulwarkAssets.consoleStylesheet());
        stage.getIcons().setAll(BulwarkAssets.applicationIcons().stream().map(Image::new).toList());
        stage.setScene(scene);
    }

    public static void apply(DialogPane pane) {
        pane.getStylesheets().add(BulwarkAssets.consoleStylesheet());
    }
}
