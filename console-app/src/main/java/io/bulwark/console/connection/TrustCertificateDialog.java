package io.bulwark.console.connection;

import io.bulwark.console.common.Formats;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** "Trust this engine?": the engine's certificate on first contact, for the admin to compare and accept. */
public final class TrustCertificateDialog extends Dialog<Boolean> {
    public static final ButtonType TRUST = new ButtonType("Trust", ButtonBar.ButtonData.OK_DONE);

    public TrustCertificateDialog(EngineAddress address, CertificateDetails certificate) {
        setHeaderText("Trust this engine?");
        setGraphic(new FontIcon(Material2MZ.SECURITY));

        Label explanation = wrapping("This is the first connection to the engine at " + address + ". Compare the "
                + "fingerprint below with the one the engine printed when it started, or print it on the engine's "
                + "host with:");
        Label command = new Label("openssl x509 -in DATA_DIR/tls/engine.crt -noout -fingerprint -sha256");
        command.getStyleClass().add("command");
        Label consequence = wrapping("If they are the same, trust the engine: the console remembers its certificate "
                + "and refuses any other from this address.");

        // A text field, so the fingerprint can be selected and copied, and is never cut off.
        TextField fingerprint = new TextField(certificate.fingerprint());
        fingerprint.setId("fingerprint");
        fingerprint.setEditable(false);
        fingerprint.getStyleClass().add("fingerprint");
        GridPane.setHgrow(fingerprint, Priority.ALWAYS);

        GridPane facts = new GridPane();
        facts.getStyleClass().add("details");
        facts.addRow(0, label("SHA-256 fingerprint"), fingerprint);
        facts.addRow(1, label("Subject"), new Label(certificate.subject()));
        facts.addRow(2, label("Valid from"), new Label(Formats.instant(certificate.validFrom())));
        facts.addRow(3, label("Valid until"), new Label(Formats.instant(certificate.validUntil())));

        getDialogPane().setContent(new VBox(12, explanation, command, consequence, facts));
        getDialogPane().getButtonTypes().setAll(TRUST, ButtonType.CANCEL);
        // Wide enough for the whole fingerprint in one line (console.css).
        getDialogPane().getStyleClass().add("trust-dialog");
        setResultConverter(TRUST::equals);
    }

    private static Label wrapping(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }

    private static Label label(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("details-label");
        return label;
    }
}
