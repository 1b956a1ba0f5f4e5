package io.bulwark.console.jobs;

import io.bulwark.protocol.jobs.Compression;
import io.bulwark.protocol.jobs.JobStorage;
import java.util.Map;

/** The storage page's Advanced… settings: compression, block size (the health check is kept beside). */
public final class AdvancedStorage {
    /** What each block size is for, as Veeam names its storage optimisation. */
    public static final Map<Integer, String> BLOCK_SIZES = Map.of(
            256 << 10, "WAN target (256 KB blocks)",
            512 << 10, "LAN target (512 KB blocks)",
            1 << 20, "Local target (1 MB blocks)",
            4 << 20, "Local target, large blocks (4 MB)");

    private AdvancedStorage() {
    }

    public static String blockSize(int bytes) {
        return BLOCK_SIZES.getOrDefault(bytes == 0 ? JobStorage.DEFAULT_BLOCK_SIZE : bytes, bytes + " bytes");
    }

    public static String compression(Compression compression) {
        return switch (compression) {
            case null -> "Optimal (LZ4)";
            case NONE -> "None";
            case OPTIMAL -> "Optimal (LZ4)";
            case HIGH -> "High (LZ4 HC: smaller, slower)";
        };
    }
}
