package io.lintel.plugin.filter.example.headeraccess;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The keys of one rule's {@code keysFile}. Reading a file blocks, so {@link #load} does it on the blocking executor
 * core gives plugins, never on an event loop; the keys are kept until the file's modification time changes. One
 * instance per rule (made with the rule's filter), shared by every event loop, hence the volatile snapshot.
 */
final class SigningKeys {

    private record Snapshot(FileTime modified, List<byte[]> keys) {}

    private final Path file;
    private volatile Snapshot snapshot;

    SigningKeys(Path file) {
        this.file = requireNonNull(file, "file");
    }

    /** The current keys, read on {@code blocking}; the stage completes on a thread of that executor. */
    CompletableFuture<List<byte[]>> load(Executor blocking) {
        return CompletableFuture.supplyAsync(this::read, blocking);
    }

    private List<byte[]> read() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Snapshot known = snapshot;
            if (known != null && known.modified().equals(modified)) {
                return known.keys();
            }
            List<byte[]> keys = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.getBytes(StandardCharsets.UTF_8))
                    .toList();
            snapshot = new Snapshot(modified, keys);
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing keys in " + file, e);
        }
    }
}
