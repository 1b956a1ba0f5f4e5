package io.bulwark.installer;

import io.bulwark.protocol.servers.HostFacts;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code bulwark-installer.sh analyse} found on a host: the facts the engine shows and
 * stores, and what it needs to plan an install: the installed version, whether the agent runs,
 * and which bundle files the host already has, so that an interrupted upload resumes instead of
 * starting over.
 *
 * @param facts            the host's facts; a field the output lacked is null
 * @param installedVersion the installed agent version, null when none is installed
 * @param service          the agent service's state, null when the output did not say
 * @param stagedFiles      complete files in the staging directory: relative path to SHA-256
 * @param partialFiles     uploads in progress ({@code PATH.part} on the host): relative path of
 *                         the final file to the bytes already there
 * @param installedFiles   the installed bundle's MANIFEST: relative path to SHA-256
 */
public record HostAnalysis(
        HostFacts facts,
        String installedVersion,
        ServiceState service,
        Map<String, String> stagedFiles,
        Map<String, Long> partialFiles,
        Map<String, String> installedFiles) {

    public HostAnalysis {
        stagedFiles = frozen(stagedFiles);
        partialFiles = frozen(partialFiles);
        installedFiles = frozen(installedFiles);
    }

    /**
     * Reads the output of {@code analyse}. Never fails: unknown keys and malformed lines are
     * skipped and a value that does not parse reads as null, because a half-understood host is
     * still worth showing to the admin.
     *
     * @param stdout the script's standard output
     * @param at     when the analysis ran, kept as {@link HostFacts#analysedAt()}
     */
    public static HostAnalysis parse(String stdout, Instant at) {
        InstallerOutput output = InstallerOutput.parse(stdout);
        HostFacts facts = new HostFacts(
                text(output, "os"),
                text(output, "os.version"),
                text(output, "kernel"),
                text(output, "arch"),
                integer(output, "cpu.cores"),
                number(output, "memory.bytes"),
                number(output, "free.bytes"),
                bool(output, "systemd"),
                bool(output, "qemu_nbd"),
                output.all("datastore").stream().filter(d -> !d.isEmpty()).toList(),
                at);
        return new HostAnalysis(
                facts,
                text(output, "installed.version"),
                ServiceState.parse(output.first("service")),
                files(output, "staged"),
                partial(output),
                files(output, "installed"));
    }

    private static Map<String, String> files(InstallerOutput output, String key) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String line : output.all(key)) {
            BundleManifest.Entry entry = BundleManifest.Entry.parse(line);
            if (entry != null) {
                files.put(entry.path(), entry.sha256());
            }
        }
        return files;
    }

    private static Map<String, Long> partial(InstallerOutput output) {
        Map<String, Long> files = new LinkedHashMap<>();
        for (String line : output.all("partial")) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            Long bytes = parseLong(line.substring(0, space));
            String path = line.substring(space + 1);
            if (bytes != null && bytes >= 0 && BundleManifest.isSafePath(path)) {
                files.put(path, bytes);
            }
        }
        return files;
    }

    private static String text(InstallerOutput output, String key) {
        String value = output.first(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Integer integer(InstallerOutput output, String key) {
        Long value = number(output, key);
        return value == null || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    private static Long number(InstallerOutput output, String key) {
        Long value = parseLong(text(output, key));
        return value == null || value < 0 ? null : value;
    }

    private static Long parseLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Boolean bool(InstallerOutput output, String key) {
        String value = text(output, key);
        if ("true".equals(value)) {
            return Boolean.TRUE;
        }
        if ("false".equals(value)) {
            return Boolean.FALSE;
        }
        return null;
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
