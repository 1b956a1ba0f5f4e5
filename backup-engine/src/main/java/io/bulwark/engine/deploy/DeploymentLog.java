package io.bulwark.engine.deploy;

import io.bulwark.protocol.servers.DeploymentView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One deployment's running record; every change is published, so consoles follow it live. */
final class DeploymentLog {
    private final UUID serverId;
    private final Clock clock;
    private final Runnable changed;
    private final Instant startedAt;
    private final List<DeploymentView.Line> lines = new ArrayList<>();
    private String state = "RUNNING";
    private int percent;
    private long uploadedBytes;
    private Instant endedAt;

    DeploymentLog(UUID serverId, Clock clock, Runnable changed) {
        this.serverId = serverId;
        this.clock = clock;
        this.changed = changed;
        this.startedAt = clock.instant();
    }

    void step(DeploymentStep step) {
        percent = Math.max(percent, step.ordinal() * 100 / DeploymentStep.values().length);
        add(step, "INFO", step.title());
    }

    void info(DeploymentStep step, String text) {
        add(step, "INFO", text);
    }

    void warning(DeploymentStep step, String text) {
        add(step, "WARNING", text);
    }

    /** Upload progress moves the percentage within the upload step's share. */
    synchronized void uploaded(long bytes, long done, long total) {
        uploadedBytes = bytes;
        int base = DeploymentStep.UPLOAD.ordinal() * 100 / DeploymentStep.values().length;
        int share = 100 / DeploymentStep.values().length;
        percent = base + (int) (total == 0 ? share : share * done / total);
    }

    void succeeded(String text) {
        synchronized (this) {
            state = "SUCCEEDED";
            percent = 100;
            endedAt = clock.instant();
        }
        // Every deployment ends with its roles, whether it installed anything or found the host up to date.
        add(DeploymentStep.ROLES, "INFO", text);
    }

    void failed(DeploymentStep step, String text) {
        synchronized (this) {
            state = "FAILED";
            endedAt = clock.instant();
        }
        add(step, "ERROR", text);
    }

    synchronized boolean running() {
        return state.equals("RUNNING");
    }

    synchronized DeploymentView view() {
        return new DeploymentView(serverId, state, percent, uploadedBytes, List.copyOf(lines), startedAt, endedAt);
    }

    private void add(DeploymentStep step, String level, String text) {
        synchronized (this) {
            lines.add(new DeploymentView.Line(clock.instant(), step.name(), level, text));
        }
        changed.run();
    }
}
