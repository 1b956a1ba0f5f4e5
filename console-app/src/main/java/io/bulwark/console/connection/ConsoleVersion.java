package io.bulwark.console.connection;

import io.bulwark.protocol.ApiVersion;
import io.bulwark.protocol.engine.EngineVersion;
import java.util.Optional;

/**
 * What this console is, as it tells the engine at login: its release and the API it speaks; and
 * the oldest engine API it works with. The engine judges whether it serves this console (and says
 * which console to install when not); this console judges whether the engine is new enough for it,
 * before it sends a password.
 *
 * @param product         the console's release ("0.1.0")
 * @param api             the API it speaks
 * @param oldestEngineApi the oldest engine API it works with
 */
public record ConsoleVersion(String product, int api, int oldestEngineApi) {
    /** The oldest engine API this console works with. Raise it when the console needs what older engines lack. */
    public static final int OLDEST_ENGINE_API = 1;
    /** This console, as built. */
    public static final ConsoleVersion CURRENT = new ConsoleVersion(ApiVersion.product(), ApiVersion.CURRENT,
            OLDEST_ENGINE_API);

    /**
     * Why this console cannot work with the engine, or empty when it can.
     *
     * @param engine the engine's versions, or null for an engine that does not tell them (one from before
     *               version checks, API 0)
     */
    public Optional<String> problemWith(EngineVersion engine, EngineAddress address) {
        int engineApi = engine == null ? 0 : engine.api();
        if (engineApi >= oldestEngineApi) {
            return Optional.empty();
        }
        String console = "this console (Bulwark " + product + ", API " + api + ")";
        if (engine == null) {
            return Optional.of("The engine at " + address + " is older than " + console + " works with: it is from "
                    + "before Bulwark told its version. Upgrade the engine to Bulwark " + product + ", or use the "
                    + "console of the engine's own release.");
        }
        return Optional.of("The engine at " + address + " (Bulwark " + engine.product() + ", API " + engine.api()
                + ") is older than " + console + " works with. Upgrade the engine to Bulwark " + product
                + ", or install Bulwark Console " + engine.product() + " (the package " + ApiVersion.CONSOLE_PACKAGE
                + " " + engine.product() + "), the console of the engine's release.");
    }
}
