package io.bulwark.agent.bench;

import java.util.List;

/** The backup programs the benchmark compares: Bulwark and its two peers. */
enum Tool {
    BULWARK("Bulwark"),
    RESTIC("restic"),
    BORG("borg");

    private final String label;

    Tool(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static List<Tool> peers() {
        return List.of(RESTIC, BORG);
    }
}
