package io.bulwark.engine.auth;

/**
 * What a client says about itself when it logs in, from its version headers; both null for a
 * client that says nothing (a script).
 *
 * @param apiVersion     the {@code X-Bulwark-Api-Version} header as sent
 * @param productVersion the {@code X-Bulwark-Console-Version} header as sent
 */
public record ClientDeclaration(String apiVersion, String productVersion) {
}
