package io.bulwark.installer.dist;

import java.nio.file.Path;

/**
 * What the distributions are made of: the build's outputs of each module.
 *
 * @param version     the product version (Maven's)
 * @param engineJar   the engine's jar, whose manifest names its libraries in {@code lib/}
 * @param engineLib   the engine's libraries
 * @param consoleJar  the console's jar
 * @param consoleLib  the console's libraries, JavaFX's modular jars among them
 * @param assetsJar   the assets, for the application icon
 * @param agentBundle the agent bundle (runtime, agent, MANIFEST, VERSION)
 * @param work        a folder for intermediate trees; runtimes stay there between builds
 * @param output      the one folder every package goes to
 */
public record DistributionInputs(String version, Path engineJar, Path engineLib, Path consoleJar, Path consoleLib,
                                 Path assetsJar, Path agentBundle, Path work, Path output) {
}
