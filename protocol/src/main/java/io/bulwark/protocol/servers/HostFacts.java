package io.bulwark.protocol.servers;

import java.time.Instant;
import java.util.List;

/** What the installer found when it last analysed a host. Any field may be null: not known yet. */
public record HostFacts(
        String os,
        String osVersion,
        String kernel,
        String architecture,
        Integer cpuCores,
        Long memoryBytes,
        Long freeSpaceBytes,
        Boolean systemd,
        Boolean qemuNbd,
        List<String> datastores,
        Instant analysedAt) {
}
