package io.bulwark.protocol.control;

public enum TaskState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this != RUNNING;
    }
}
