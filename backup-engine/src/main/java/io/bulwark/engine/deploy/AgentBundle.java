package io.bulwark.engine.deploy;

import io.bulwark.engine.settings.EngineSettings;
import io.bulwark.installer.BundleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent bundle this engine deploys: a runtime image, the agent jar, their MANIFEST, VERSION
 * and the ARCHITECTURE it runs on. The build makes it (module installer); an installed engine
 * carries it beside its jar.
 */
public record AgentBundle(Path directory, String version, String architecture, BundleManifest manifest) {

    public static AgentBundle load(Path directory) throws IOException {
        return new AgentBundle(directory, Files.readString(directory.resolve(BundleManifest.VERSION_FILE_NAME)).strip(),
                Files.readString(directory.resolve("ARCHITECTURE")).strip(),
                BundleManifest.parse(Files.readString(directory.resolve(BundleManifest.FILE_NAME))));
    }

    /** The configured bundle, or the one beside the engine (installed) or in the build tree (development). */
    public static AgentBundle locate(EngineSettings settings) throws IOException {
        List<Path> candidates = new ArrayList<>();
        if (settings.agentBundle() != null) {
            candidates.add(settings.agentBundle());
        } else {
            Path code = codeLocation();
            if (code != null) {
                candidates.add(code.resolveSibling("agent-bundle"));
                candidates.add(code.getParent().resolveSibling("agent-bundle"));
                candidates.add(code.getParent().getParent().resolveSibling("installer").resolve("target/agent-bundle"));
            }
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve(BundleManifest.FILE_NAME))) {
                return load(candidate);
            }
        }
        throw new IOException("This engine has no agent bundle to deploy (looked in " + candidates + "). Build it "
                + "with './bulwark build', or point agent.bundle in engine.properties (BULWARK_AGENT_BUNDLE) at one.");
    }

    public long size(String path) throws IOException {
        return Files.size(directory.resolve(path));
    }

    private static Path codeLocation() {
        try {
            return Path.of(AgentBundle.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (Exception e) {
            return null;
        }
    }
}
