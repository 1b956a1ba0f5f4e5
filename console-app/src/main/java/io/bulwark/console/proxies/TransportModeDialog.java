package io.bulwark.console.proxies;

import atlantafx.base.theme.Styles;
import io.bulwark.protocol.proxies.TransportMode;
import java.util.Locale;
import java.util.Map;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/**
 * Add Proxy's "Choose…" for the transport mode. A mode that cannot work on the server is greyed out
 * and says why under its name.
 */
public final class TransportModeDialog extends Dialog<TransportSettings> {
    /** @param unavailable why each mode that cannot work on the server cannot */
    public TransportModeDialog(TransportSettings current, Map<TransportMode, String> unavailable) {
        setHeaderText("Transport Mode");
        getDialogPane().setId("transport-mode");
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        ToggleGroup modes = new ToggleGroup();
        VBox list = new VBox(10);
        for (TransportMode mode : TransportModes.all()) {
            RadioButton choice = new RadioButton(mode.title());
            choice.setId("transport-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            choice.setToggleGroup(modes);
            choice.setUserData(mode);
            choice.setSelected(mode == current.mode());
            Label about = new Label(TransportModes.describe(mode));
            about.getStyleClass().add(Styles.TEXT_MUTED);
            about.setWrapText(true);
            VBox entry = new VBox(2, choice, about);
            String reason = unavailable.get(mode);
            if (reason != null) {
                choice.setDisable(true);
                Label why = new Label(reason);
                why.setId(choice.getId() + "-reason");
                why.getStyleClass().add(Styles.WARNING);
                why.setWrapText(true);
                entry.getChildren().add(why);
                // A disabled control shows no tooltip; the reason is also written under it.
                Tooltip.install(entry, new Tooltip(reason));
            }
            list.getChildren().add(entry);
        }
        CheckBox failover = new CheckBox("Failover to network mode if primary mode fails or is unavailable");
        failover.setId("transport-failover");
        failover.setSelected(current.failoverToNetwork());
        CheckBox encryption = new CheckBox("Enable host to proxy traffic encryption in Network mode");
        encryption.setId("transport-encryption");
        encryption.setSelected(current.hostToProxyEncryption());
        list.getChildren().addAll(new Label("Options"), failover, encryption);
        list.setPrefWidth(520);
        getDialogPane().setContent(list);
        setResultConverter(button -> button != ButtonType.OK ? null : new TransportSettings(
                (TransportMode) modes.getSelectedToggle().getUserData(), failover.isSelected(), encryption.isSelected()));
    }
}
