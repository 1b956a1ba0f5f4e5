package io.bulwark.console.servers;

import io.bulwark.protocol.servers.ServerPorts;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The "Advanced…" settings of a managed server, as text fields an admin types into, with their check. */
public final class ServerPortsForm {
    private final StringProperty dataPortFirst = new SimpleStringProperty();
    private final StringProperty dataPortLast = new SimpleStringProperty();
    private final StringProperty controlPort = new SimpleStringProperty();
    private final StringProperty sshTimeout = new SimpleStringProperty();
    private final StringBinding problem = Bindings.createStringBinding(this::check, dataPortFirst, dataPortLast,
            controlPort, sshTimeout);

    public ServerPortsForm(ServerPorts ports) {
        dataPortFirst.set(String.valueOf(ports.dataPortFirst()));
        dataPortLast.set(String.valueOf(ports.dataPortLast()));
        controlPort.set(String.valueOf(ports.controlPort()));
        sshTimeout.set(String.valueOf(ports.sshTimeoutSeconds()));
    }

    private String check() {
        Integer first = number(dataPortFirst.get());
        Integer last = number(dataPortLast.get());
        Integer control = number(controlPort.get());
        Integer timeout = number(sshTimeout.get());
        if (first == null || last == null || !isPort(first) || !isPort(last)) {
            return "The data mover ports must be numbers from 1 to 65535.";
        }
        if (first > last) {
            return "The data mover port range must start at or below its end.";
        }
        if (control == null || !isPort(control)) {
            return "The control port must be a number from 1 to 65535.";
        }
        if (control >= first && control <= last) {
            return "The control port must lie outside the data mover port range.";
        }
        if (timeout == null || timeout < 5 || timeout > 3600) {
            return "The SSH timeout must be from 5 to 3600 seconds.";
        }
        return "";
    }

    /** The settings, once {@link #problemProperty()} is empty. */
    public ServerPorts ports() {
        return new ServerPorts(number(dataPortFirst.get()), number(dataPortLast.get()), number(controlPort.get()),
                number(sshTimeout.get()));
    }

    static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isPort(int port) {
        return port >= 1 && port <= 65535;
    }

    public StringProperty dataPortFirstProperty() {
        return dataPortFirst;
    }

    public StringProperty dataPortLastProperty() {
        return dataPortLast;
    }

    public StringProperty controlPortProperty() {
        return controlPort;
    }

    public StringProperty sshTimeoutProperty() {
        return sshTimeout;
    }

    public StringBinding problemProperty() {
        return problem;
    }
}
