package io.bulwark.assets;

import java.net.URL;
import java.util.List;

/**
 * Where the shared look lives on the class path, so that no caller spells a resource path. Returns
 * URL strings, the form JavaFX takes for stylesheets and images, and keeps this module free of
 * JavaFX.
 */
public final class BulwarkAssets {
    /** The sizes the application icon is drawn in; window managers pick the one that fits. */
    public static final List<Integer> ICON_SIZES = List.of(16, 32, 48, 64, 128, 256);

    private BulwarkAssets() {
    }

    /** The console's stylesheet, laid over the AtlantaFX theme. */
    public static String consoleStylesheet() {
        return resource("console.css");
    }

    /** The application icon (a shield), smallest first. */
    public static List<String> applicationIcons() {
        return ICON_SIZES.stream().map(BulwarkAssets::applicationIcon).toList();
    }

    /** The application icon in one of {@link #ICON_SIZES}. */
    public static String applicationIcon(int size) {
        if (!ICON_SIZES.contains(size)) {
            throw new IllegalArgumentException("The application icon comes in " + ICON_SIZES + " px, not " + size);
        }
        return resource("icons/bulwark-" + size + ".png");
    }

    private static String resource(String name) {
        URL url = BulwarkAssets.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("The assets jar lacks io/bulwark/assets/" + name + "; rebuild it");
        }
        return url.toExternalForm();
    }
}
