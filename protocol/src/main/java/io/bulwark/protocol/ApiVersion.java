package io.bulwark.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which REST API a console and an engine speak, and which release of Bulwark each is. Both ends
 * check the other at login: the engine refuses a console older than it serves, the console an
 * engine older than it works with, and each names the release to install.
 *
 * <p>{@link #CURRENT} counts changes that an older console or engine would misread; it is not the
 * product version. Raise it (and the oldest API each side accepts, when the old one can no longer
 * be served) with such a change.
 */
public final class ApiVersion {
    /** The API this build speaks. */
    public static final int CURRENT = 1;
    /** Sent by a console on login: the API it speaks, a whole number. Clients without it (scripts) are not checked. */
    public static final String API_HEADER = "X-Bulwark-Api-Version";
    /** Sent by a console on login: its release, for the engine's log and messages. */
    public static final String CONSOLE_HEADER = "X-Bulwark-Console-Version";
    /** The release of a build made without Maven (an IDE's), which knows no version. */
    public static final String DEVELOPMENT = "development";
    /** The package an admin installs on a workstation to get the console. */
    public static final String CONSOLE_PACKAGE = "bulwark-console";

    private static final String PRODUCT = readProduct();

    private ApiVersion() {
    }

    /**
     * The release of Bulwark this build belongs to ("0.1.0"). Engine, console and agent bundle of one
     * build share it. It comes from a resource the build fills in rather than the jar's manifest, so
     * that a test run from the class folders knows it as well as an installed jar.
     */
    public static String product() {
        return PRODUCT;
    }

    private static String readProduct() {
        try (InputStream in = ApiVersion.class.getResourceAsStream("product.properties")) {
            if (in == null) {
                return DEVELOPMENT;
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            // An unfiltered copy (a build without Maven's resource filtering) still holds the placeholder.
            return version.isEmpty() || version.contains("${") ? DEVELOPMENT : version;
        } catch (IOException e) {
            return DEVELOPMENT;
        }
    }
}
