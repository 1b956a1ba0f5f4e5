package io.bulwark.console.repositories;

/** How far the Apply page of the Add Repository wizard has come. */
public enum ApplyState {
    NOT_STARTED(false),
    /** The request is on its way to the engine. */
    SAVING(false),
    /** The engine deploys its agent to the server first. */
    DEPLOYING(false),
    /** The agent sets up the repository's folder. */
    INITIALISING(false),
    READY(true),
    /** Saved, but the setup on the server failed; Retry asks the engine again. */
    FAILED(true),
    /** The engine refused the settings; the pages show why, and going back corrects them. */
    REFUSED(true);

    private final boolean finished;

    ApplyState(boolean finished) {
        this.finished = finished;
    }

    /** Whether nothing more happens without the admin. */
    public boolean finished() {
        return finished;
    }
}
