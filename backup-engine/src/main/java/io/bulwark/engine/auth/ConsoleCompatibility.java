package io.bulwark.engine.auth;

import io.bulwark.engine.api.BadRequestException;
import io.bulwark.engine.servers.ThisHost;
import io.bulwark.protocol.ApiVersion;
import io.bulwark.protocol.engine.EngineVersion;
import java.util.Map;

/**
 * Which consoles this engine serves. A console says which API it speaks when it logs in; one older
 * than {@link #OLDEST_CONSOLE_API} would misread the engine's answers, so it is refused before its
 * password is looked at, with the release to install. A client that says nothing (a script, curl)
 * is not a console and is not checked: it calls the API as documented for this engine.
 */
public final class ConsoleCompatibility {
    /** The oldest console API this engine serves. Raise it when the engine can no longer answer older consoles. */
    public static final int OLDEST_CONSOLE_API = 1;

    private final EngineVersion engine;
    private final String hostname;

    public ConsoleCompatibility(EngineVersion engine, String hostname) {
        this.engine = engine;
        this.hostname = hostname;
    }

    /** This engine's versions, as built. */
    public static ConsoleCompatibility ofThisEngine() {
        return new ConsoleCompatibility(new EngineVersion(ApiVersion.product(), ApiVersion.CURRENT, OLDEST_CONSOLE_API),
                ThisHost.hostname());
    }

    public EngineVersion engine() {
        return engine;
    }

    /**
     * @param apiHeader     the console's {@link ApiVersion#API_HEADER}, or null when the client sent none
     * @param productHeader the console's {@link ApiVersion#CONSOLE_HEADER}, or null
     * @throws ConsoleTooOldException when the console speaks an API older than this engine serves
     */
    public void check(String apiHeader, String productHeader) {
        if (apiHeader == null || apiHeader.isBlank()) {
            return;
        }
        int api;
        try {
            api = Integer.parseInt(apiHeader.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(ApiVersion.API_HEADER + " must be a whole number, the API the client speaks "
                    + "(this engine speaks " + engine.api() + "); it was '" + printable(apiHeader) + "'.",
                    Map.of(ApiVersion.API_HEADER, "not a whole number"));
        }
        if (api >= engine.oldestConsoleApi()) {
            return;
        }
        String console = productHeader == null || productHeader.isBlank() ? "an unknown release"
                : printable(productHeader.strip());
        throw new ConsoleTooOldException("This console (Bulwark " + console + ", API " + api + ") is older than the "
                + "engine at " + hostname + " (Bulwark " + engine.product() + ", API " + engine.api() + "). "
                + "Install Bulwark Console " + engine.product() + " on this workstation (the package "
                + ApiVersion.CONSOLE_PACKAGE + " " + engine.product() + ", or the console in the engine's "
                + "distribution folder of that release), then connect again.");
    }

    /** Header values come from anyone: keep them to one short line of plain characters in messages and logs. */
    private static String printable(String value) {
        String line = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }
}
