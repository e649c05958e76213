package io.lintel.core.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The web console's files ({@code /ui/}): a page, its script and its style sheet, shipped in core's jar and read
 * once, on the first request for them (a gateway nobody opens the console of never loads them). No other asset
 * exists, so the console works without network access beyond the admin server.
 */
final class ConsoleAssets {

    /** Where the console is served; {@code /ui} without the slash is redirected here. */
    static final String PREFIX = "/ui/";

    /** A file of the console: its bytes and media type. */
    record Asset(byte[] bytes, String contentType) {}

    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    private ConsoleAssets() {}

    /** The asset at an admin path under {@link #PREFIX} ({@code /ui/} is the page), or empty. */
    static Optional<Asset> find(String path) {
        String name = path.substring(PREFIX.length());
        if (name.isEmpty()) {
            name = "index.html";
        }
        return Optional.ofNullable(Loaded.ASSETS.get(name));
    }

    /** Loaded with the first request for the console (class initialisation is lazy and thread-safe). */
    private static final class Loaded {
        static final Map<String, Asset> ASSETS = load();

        private static Map<String, Asset> load() {
            Map<String, Asset> assets = new HashMap<>();
            TYPES.forEach((name, type) -> assets.put(name, new Asset(read(name), type)));
            return Map.copyOf(assets);
        }

        private static byte[] read(String name) {
            try (InputStream in = ConsoleAssets.class.getResourceAsStream("console/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("console asset missing from the jar: " + name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read console asset " + name, e);
            }
        }
    }
}
