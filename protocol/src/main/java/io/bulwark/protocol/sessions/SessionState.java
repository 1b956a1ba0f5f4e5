package io.bulwark.protocol.sessions;

public enum SessionState {
    RUNNING,
    SUCCESS,
    WARNING,
    FAILED,
    STOPPED;

    public boolean finished() {
        return this != RUNNING;
    }
}
