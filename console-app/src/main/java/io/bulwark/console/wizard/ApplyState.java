package io.bulwark.console.wizard;

/** Where a wizard's Apply step stands. */
public enum ApplyState {
    NOT_STARTED,
    RUNNING,
    SUCCEEDED,
    FAILED
}
