package io.bulwark.engine.inventory;

import io.bulwark.engine.ssh.ShellQuoting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The inventory scan as one shell script: {@code scan.sh} with the datastores as its arguments. */
public final class ScanScript {
    private static final String BODY = load();

    private ScanScript() {
    }

    /** The script for these datastore folders; each is passed as one quoted word, whatever it holds. */
    public static String forDatastores(List<String> datastores) {
        return "set --" + (datastores.isEmpty() ? "" : " " + ShellQuoting.command(datastores)) + "\n" + BODY;
    }

    private static String load() {
        try (InputStream in = ScanScript.class.getResourceAsStream("scan.sh")) {
            if (in == null) {
                throw new IllegalStateException("scan.sh is missing from the engine's class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
