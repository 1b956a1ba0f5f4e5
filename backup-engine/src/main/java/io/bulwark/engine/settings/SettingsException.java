package io.bulwark.engine.settings;

/** A setting is missing or wrong; the message says which and how to fix it. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
