package io.bulwark.engine.inventory;

/** The scan script's output does not have the shape the engine expects; the scan fails with this message. */
public class ScanOutputException extends RuntimeException {
    public ScanOutputException(String message) {
        super(message);
    }
}
