package io.lintel.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the config directory a running gateway watches. */
final class ConfigFiles {

    private ConfigFiles() {}

    /**
     * Writes {@code config/name} whole: staged in {@code staging} (same file system), then moved atomically, so the
     * watching gateway never reads half a file.
     */
    static void write(Path staging, Path config, String name, String content) throws IOException {
        Path staged = Files.writeString(staging.resolve(name + ".staged"), content, StandardCharsets.UTF_8);
        Files.move(staged, config.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
