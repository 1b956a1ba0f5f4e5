package io.bulwark.protocol.engine;

/**
 * What an engine says about its versions, to anyone and before a login ({@code GET /api/v1/version}),
 * so that a console can tell an engine too old for it before it sends a password.
 *
 * @param product          the engine's release ("0.1.0")
 * @param api              the API it speaks ({@link io.bulwark.protocol.ApiVersion#CURRENT} of its build)
 * @param oldestConsoleApi the oldest console API it serves; an older console is refused at login
 */
public record EngineVersion(String product, int api, int oldestConsoleApi) {
}
