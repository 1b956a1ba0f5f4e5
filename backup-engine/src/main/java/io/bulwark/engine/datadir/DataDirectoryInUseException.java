package io.bulwark.engine.datadir;

public class DataDirectoryInUseException extends RuntimeException {
    public DataDirectoryInUseException(String message) {
        super(message);
    }
}
