package io.lintel.plugin.discovery.file;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.discovery.manifests.ManifestParser;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ResourceSink;
import io.lintel.spi.config.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the Kubernetes documents of every {@code *.yaml}, {@code *.yml} and {@code *.json} file at the top level of
 * a directory (hidden files and editor temporaries skipped), one origin per file, and keeps them current.
 *
 * <p>{@link #start} loads every file and marks the sink synced, then a daemon thread applies changes: it waits on a
 * {@link WatchService} and reloads the files its events name; as a fallback for file systems whose events are
 * unreliable (and after an overflow), it rescans file sizes, modification times and file keys every
 * {@code rescanInterval}. Whole-file writes by rename and editors'
 * delete-and-create both show up as a changed file. A file that does not parse keeps serving its last good content
 * while its problem is reported; a removed file's resources are removed.
 */
final class FileConfigSource implements ConfigSource {

    private static final Logger log = LoggerFactory.getLogger(FileConfigSource.class);

    /** Quiet time that ends a burst with a file written in place (truncate, then write: maybe in several steps). */
    private static final Duration SETTLE_WRITTEN = Duration.ofMillis(100);
    /**
     * The share of {@link #settle} waited after a single renamed, created or deleted file: a change written by rename
     * is complete when its event arrives, so it need not wait a burst's quiet time. A second file's event turns the
     * wait into a burst's; a tool that replaces many files one by one writes them microseconds apart.
     */
    private static final int LONE_FILE_QUIET_DIVISOR = 5;
    /** The longest a burst is waited for; a writer that goes on longer is read in parts. */
    private static final Duration MAX_SETTLE = Duration.ofSeconds(2);

    /** From this many changed files on, a scan parses them on every core. */
    private static final int PARALLEL_READ = 64;

    private final Path directory;
    private final Duration rescanInterval;
    /** Quiet time that ends a burst of renames, creations and deletions (each complete when its event arrives). */
    private final Duration settle;
    private final Map<Path, FileStamp> known = new HashMap<>();
    private volatile ResourceSink sink;
    private volatile WatchService watchService;
    private volatile Thread watcher;
    private volatile boolean closed;
    private volatile int fileCount;
    private volatile Optional<String> staleReason = Optional.empty();
    private WatchKey watchKey;

    FileConfigSource(Path directory, Duration rescanInterval, Duration settle) {
        this.directory = requireNonNull(directory, "directory");
        this.rescanInterval = requireNonNull(rescanInterval, "rescanInterval");
        this.settle = requireNonNull(settle, "settle");
    }

    @Override
    public void start(ResourceSink sink) throws IOException {
        this.sink = requireNonNull(sink, "sink");
        watchService = directory.getFileSystem().newWatchService();
        // Watch before the first scan, so that nothing written in between is missed.
        register();
        sink.batch(() -> rescan(Set.of()));
        sink.markSynced();
        log.info("Watching {} ({} files)", directory, fileCount);
        Thread thread = new Thread(this::watch, "lintel-file-source " + directory);
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    @Override
    public String describe() {
        return staleReason.map(reason -> "stale: " + reason + "; serving the last content read")
                .orElseGet(() -> "watching " + directory + " (" + fileCount + " files)");
    }

    @Override
    public boolean healthy() {
        return staleReason.isEmpty();
    }

    @Override
    public void close() {
        closed = true;
        WatchService service = watchService;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                log.debug("Closing the watch service of {} failed", directory, e);
            }
        }
        Thread thread = watcher;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void watch() {
        long timeoutNanos = rescanInterval.toNanos();
        while (!closed) {
            try {
                WatchKey key = watchService.poll(timeoutNanos, TimeUnit.NANOSECONDS);
                Burst burst = new Burst();
                if (key != null) {
                    collectUntilQuiet(key, burst);
                }
                if (watchKey == null || !watchKey.isValid()) {
                    register();
                    burst.overflow = true;
                }
                // One batch: a directory rewritten file by file is served all old, then all new, never a mix.
                if (key == null || burst.overflow) {
                    sink.batch(() -> rescan(burst.touched));
                } else {
                    sink.batch(() -> reload(burst.touched));
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException | IOException e) {
                // Keep watching: the next event or rescan tries again.
                log.warn("Rescanning {} failed", directory, e);
            }
        }
    }

    /** The manifest files named by one burst of watch events. */
    private static final class Burst {
        final Set<Path> touched = new HashSet<>();
        boolean writtenInPlace;
        boolean overflow;
    }

    /**
     * Collects events until none arrives for a settle time (at most {@link #MAX_SETTLE} in all), so that a burst of
     * changes (a whole directory replaced, file by file) is applied as one. Renames, creations and deletions are
     * complete when their event arrives: {@link #settle} is short, and a fifth of it for a single file. A file written in place (truncate, then write)
     * raises modify events while it is being written, and reading between them would serve it half written: such a
     * burst waits {@link #SETTLE_WRITTEN}.
     */
    private void collectUntilQuiet(WatchKey first, Burst burst) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_SETTLE.toNanos();
        WatchKey key = first;
        while (key != null) {
            collect(key, burst);
            long quiet = quietAfter(burst).toNanos();
            long left = deadline - System.nanoTime();
            key = left <= 0 ? watchService.poll() : watchService.poll(Math.min(left, quiet), TimeUnit.NANOSECONDS);
        }
    }

    private Duration quietAfter(Burst burst) {
        if (burst.writtenInPlace && SETTLE_WRITTEN.compareTo(settle) > 0) {
            return SETTLE_WRITTEN;
        }
        return burst.touched.size() <= 1 ? settle.dividedBy(LONE_FILE_QUIET_DIVISOR) : settle;
    }

    private void collect(WatchKey key, Burst burst) {
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                burst.overflow = true;
            } else if (event.context() instanceof Path name && isManifestName(name.toString())) {
                burst.touched.add(directory.resolve(name));
                burst.writtenInPlace |= event.kind() == StandardWatchEventKinds.ENTRY_MODIFY;
            }
        }
        key.reset();
    }

    /**
     * Reloads the files a burst of events named, and only those: with thousands of files, listing and examining
     * all of them would cost more than the change.
     */
    private void reload(Set<Path> touched) {
        List<Path> changed = new ArrayList<>();
        for (Path file : new TreeSet<>(touched)) {
            Optional<FileStamp> stamp = Files.isRegularFile(file) ? FileStamp.of(file) : Optional.empty();
            if (stamp.isPresent()) {
                known.put(file, stamp.get());
                changed.add(file);
            } else if (known.remove(file) != null) {
                log.info("{} removed; dropping its resources", file);
                sink.replaceOrigin(file.toString(), List.of());
            }
        }
        load(changed);
        fileCount = known.size();
    }

    private void register() throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        watchKey = directory.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
    }

    /** Reloads files that changed or were named by watch events, and removes the resources of files gone. */
    private void rescan(Set<Path> touched) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(FileConfigSource::isManifest).sorted().toList();
        } catch (IOException e) {
            if (staleReason.isEmpty()) {
                log.warn("Cannot list {}: {}; serving its last content", directory, e.toString());
            }
            staleReason = Optional.of("cannot list " + directory + ": " + e);
            return;
        }
        if (staleReason.isPresent()) {
            log.info("{} is readable again", directory);
            staleReason = Optional.empty();
        }
        Set<Path> present = new HashSet<>();
        List<Path> changed = new ArrayList<>();
        for (Path file : files) {
            Optional<FileStamp> stamp = FileStamp.of(file);
            if (stamp.isEmpty()) {
                continue; // removed since listed; the next scan sees it gone
            }
            present.add(file);
            if (!stamp.get().equals(known.get(file)) || touched.contains(file)) {
                known.put(file, stamp.get());
                changed.add(file);
            }
        }
        load(changed);
        for (Path gone : Set.copyOf(known.keySet())) {
            if (!present.contains(gone)) {
                known.remove(gone);
                log.info("{} removed; dropping its resources", gone);
                sink.replaceOrigin(gone.toString(), List.of());
            }
        }
        fileCount = present.size();
    }

    /**
     * Reads and pushes {@code files}, in order. Thousands of files (a first read, a directory replaced) are parsed on
     * every core.
     */
    private void load(List<Path> files) {
        (files.size() >= PARALLEL_READ ? files.parallelStream() : files.stream())
                .map(this::read).toList().forEach(Runnable::run);
    }

    /**
     * Reads and parses a file; returns what to push to the sink. Touches nothing shared, so that many files can be
     * read at once.
     */
    private Runnable read(Path file) {
        String origin = file.toString();
        String text;
        try {
            // A strict decoder: a file in another encoding is reported rather than read as replacement characters.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            return () -> { }; // removed since listed; the next scan drops it
        } catch (CharacterCodingException e) {
            return () -> report(origin, List.of(problem(origin, "is not UTF-8 text")));
        } catch (IOException e) {
            return () -> report(origin, List.of(problem(origin, "cannot be read: " + e)));
        }
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(origin, text);
        return () -> push(file, parsed);
    }

    private void push(Path file, ManifestParser.ParsedManifests parsed) {
        String origin = file.toString();
        if (parsed.syntaxError().isPresent()) {
            ConfigProblem error = parsed.syntaxError().get();
            log.warn("{}: {}; its last good content keeps serving", error.location(), error.message());
            sink.reportProblems(origin, List.of(error));
            return;
        }
        sink.replaceOrigin(origin, parsed.documents());
        if (!parsed.problems().isEmpty()) {
            parsed.problems().forEach(problem -> log.warn("{}", problem));
            sink.reportProblems(origin, parsed.problems());
        }
        log.debug("Loaded {} ({} documents, {} problems)", file, parsed.documents().size(), parsed.problems().size());
    }

    private void report(String origin, List<ConfigProblem> problems) {
        problems.forEach(problem -> log.warn("{}; its last good content keeps serving", problem));
        sink.reportProblems(origin, problems);
    }

    private static ConfigProblem problem(String origin, String message) {
        return new ConfigProblem(new SourceLocation(origin, 0), Optional.empty(), "", message);
    }

    /** A manifest file: YAML or JSON by extension, not hidden, not an editor's temporary or lock file. */
    static boolean isManifest(Path file) {
        return isManifestName(file.getFileName().toString()) && Files.isRegularFile(file);
    }

    private static boolean isManifestName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && !name.startsWith("#")
                && (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"));
    }

    /** What tells a file changed without reading it: a rename or delete+create changes the file key. */
    private record FileStamp(FileTime lastModified, long size, Object fileKey) {

        static Optional<FileStamp> of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return Optional.of(new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }
}
