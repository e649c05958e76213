package io.lintel.plugin.discovery.file;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.discovery.manifests.ManifestParser;
import io.lintel.plugin.discovery.manifests.Sizes;
import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.ConfigSource;
import io.lintel.spi.config.ResourceSink;
import io.lintel.spi.config.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * {@code rescanInterval} (longer in a directory so large that this would cost more than ~1% of a core). Whole-file writes by rename and editors'
 * delete-and-create both show up as a changed file. A file that does not parse keeps serving its last good content
 * while its problem is reported; a removed file's resources are removed.
 *
 * <p>Files are hostile input (issue #14; docs/hardening.md). {@link FileLimits} bound a file before it is read (its
 * size) and while it is parsed (documents, nesting, scalars, aliases); a file past a limit, a file that is not a
 * regular file once symbolic links are followed (a FIFO, socket, device or directory), a symbolic link loop or a
 * link to nothing is reported as a problem of that file and its last good content keeps serving. Symbolic links are
 * followed wherever they point (Kubernetes mounts a ConfigMap as {@code ..data} links). A file that changes while it
 * is read is read again on its next event. No failure reading one file stops the others or the watcher: an
 * unexpected error (even a {@link StackOverflowError}) becomes that file's problem; should the watcher thread die
 * anyway, it is restarted and the source reports itself stale until a pass succeeds. A read that blocks (a file
 * swapped for a FIFO between the check and the open) marks the source stale and is released by a watchdog.
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
    /** A read (open and read, not parse) still running after this long is stuck: the source is stale. */
    static final Duration STUCK_READ = Duration.ofSeconds(2);

    private final Path directory;
    private final Duration rescanInterval;
    /** How long the last rescan's stat pass over every file took (see {@link #rescanPause}). */
    private volatile long lastStampPassNanos;
    /** Quiet time that ends a burst of renames, creations and deletions (each complete when its event arrives). */
    private final Duration settle;
    private final FileLimits limits;
    /** Reads in progress, with their System.nanoTime() start (for the watchdog). */
    private final Map<Path, Long> reading = new ConcurrentHashMap<>();
    private final Set<Path> released = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService watchdog;
    /** Runs between a file's check and its opening: tests swap the file there, as a racing writer could. */
    volatile Consumer<Path> beforeOpen = file -> { };
    /** Why the last pass of the watcher failed unexpectedly; cleared by a pass that succeeds. */
    private volatile Optional<String> watcherFailure = Optional.empty();
    private final Map<Path, FileStamp> known = new HashMap<>();
    private volatile ResourceSink sink;
    private volatile WatchService watchService;
    private volatile Thread watcher;
    private volatile boolean closed;
    private volatile int fileCount;
    private volatile Optional<String> staleReason = Optional.empty();
    private WatchKey watchKey;

    FileConfigSource(Path directory, Duration rescanInterval, Duration settle) {
        this(directory, rescanInterval, settle, FileLimits.DEFAULTS);
    }

    FileConfigSource(Path directory, Duration rescanInterval, Duration settle, FileLimits limits) {
        this.directory = requireNonNull(directory, "directory");
        this.rescanInterval = requireNonNull(rescanInterval, "rescanInterval");
        this.settle = requireNonNull(settle, "settle");
        this.limits = requireNonNull(limits, "limits");
    }

    @Override
    public void start(ResourceSink sink) throws IOException {
        this.sink = requireNonNull(sink, "sink");
        watchService = directory.getFileSystem().newWatchService();
        // Watch before the first scan, so that nothing written in between is missed.
        register();
        ScheduledExecutorService dog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lintel-file-source-watchdog " + directory);
            thread.setDaemon(true);
            return thread;
        });
        dog.scheduleWithFixedDelay(this::releaseStuckReads, 1, 1, TimeUnit.SECONDS);
        watchdog = dog;
        sink.batch(() -> rescan(Set.of()));
        sink.markSynced();
        log.info("Watching {} ({} files)", directory, fileCount);
        startWatcher();
    }

    private void startWatcher() {
        Thread thread = new Thread(this::watch, "lintel-file-source " + directory);
        thread.setDaemon(true);
        // watch() catches everything; should an error escape anyway (thrown while handling another), start again
        thread.setUncaughtExceptionHandler((dead, error) -> {
            watcherFailure = Optional.of("the watcher thread died (" + error + ") and was restarted");
            log.error("The watcher of {} died; restarting it", directory, error);
            if (!closed) {
                startWatcher();
            }
        });
        watcher = thread;
        thread.start();
    }

    @Override
    public String describe() {
        // no "stale: " here: /ready prefixes it to an unhealthy source's description
        return staleReason().map(reason -> directory + ": " + reason + "; serving the last content read")
                .orElseGet(() -> "watching " + directory + " (" + fileCount + " files)");
    }

    @Override
    public boolean healthy() {
        return staleReason().isEmpty();
    }

    private Optional<String> staleReason() {
        if (staleReason.isPresent()) {
            return staleReason;
        }
        if (watcherFailure.isPresent()) {
            return watcherFailure;
        }
        Thread thread = watcher;
        if (thread != null && !thread.isAlive() && !closed) {
            return Optional.of("the watcher thread is not running");
        }
        long now = System.nanoTime();
        for (Map.Entry<Path, Long> read : reading.entrySet()) {
            long millis = TimeUnit.NANOSECONDS.toMillis(now - read.getValue());
            if (millis >= STUCK_READ.toMillis()) {
                return Optional.of("reading " + read.getKey() + " has not finished after " + millis + " ms");
            }
        }
        return Optional.empty();
    }

    /**
     * The watchdog: a read blocked opening a FIFO (a file swapped for one between the check and the open) would stop
     * the watcher for good; opening the FIFO for writing, and closing it, lets that open return (then the read sees
     * end of file, and the check after it refuses the file). Runs on its own thread, which one more stuck open
     * cannot stop either: each release runs on a thread of its own.
     */
    private void releaseStuckReads() {
        long now = System.nanoTime();
        for (Map.Entry<Path, Long> read : reading.entrySet()) {
            Path file = read.getKey();
            if (now - read.getValue() < STUCK_READ.toNanos() || !released.add(file)) {
                continue;
            }
            try {
                if (!Files.readAttributes(file, BasicFileAttributes.class).isOther()) {
                    released.remove(file);
                    continue;
                }
            } catch (IOException e) {
                released.remove(file);
                continue;
            }
            log.warn("{}: reading it has blocked for {} ms (it is not a regular file); releasing the read", file,
                    TimeUnit.NANOSECONDS.toMillis(now - read.getValue()));
            Thread release = new Thread(() -> {
                try (OutputStream ignored = Files.newOutputStream(file, java.nio.file.StandardOpenOption.WRITE)) {
                    // opening is all it takes
                } catch (IOException | RuntimeException e) {
                    log.debug("Releasing the read of {} failed", file, e);
                } finally {
                    released.remove(file);
                }
            }, "lintel-file-source-release " + file.getFileName());
            release.setDaemon(true);
            release.start();
        }
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
        ScheduledExecutorService dog = watchdog;
        if (dog != null) {
            dog.shutdownNow();
        }
    }

    /**
     * How long the watcher waits for an event before examining every file again: the configured interval, or a
     * hundred times what the last examination took (its stat calls, not the reading), whichever is longer, so that the
     * fallback costs at most ~1% of a core. With 10 000 files a pass took ~0.1 s: examining them every 2 s cost ~5%
     * of a core while idle, and competed with the first translation at start-up.
     */
    static long rescanPause(long configuredNanos, long lastPassNanos) {
        return Math.max(configuredNanos, lastPassNanos * 100);
    }

    private void watch() {
        while (!closed) {
            try {
                WatchKey key = watchService.poll(rescanPause(rescanInterval.toNanos(), lastStampPassNanos),
                        TimeUnit.NANOSECONDS);
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
                watcherFailure = Optional.empty();
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException | IOException e) {
                // Keep watching: the next event or rescan tries again.
                log.warn("Rescanning {} failed", directory, e);
            } catch (Throwable e) { // NOPMD: an Error must not stop the watcher; stale until a pass succeeds
                watcherFailure = Optional.of("the watcher failed (" + e + "); retrying");
                log.error("Watching {} failed; reading every file again", directory, e);
                // the failed pass may have stamped files it did not push: the next rescan reads them all again
                known.replaceAll((file, stamp) -> FileStamp.CHANGED);
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
            } else if (event.context() instanceof Path name && name.toString().startsWith("..")) {
                burst.overflow = true; // a ConfigMap volume's ..data link swapped: the files behind the links changed
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
            Optional<FileStamp> stamp = FileStamp.of(file);
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
            // every entry with a manifest's name: one that is not a regular file is reported, not ignored
            files = entries.filter(file -> isManifestName(file.getFileName().toString())).sorted().toList();
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
        long passStarted = System.nanoTime();
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
        lastStampPassNanos = System.nanoTime() - passStarted;
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
        try {
            return readChecked(file);
        } catch (StackOverflowError | RuntimeException e) { // NOPMD: one file must not stop the others
            log.error("{}: reading it failed unexpectedly", file, e);
            return () -> report(origin, List.of(problem(origin, "cannot be read: unexpected " + e + KEPT)));
        }
    }

    private static final String KEPT = "; the file's previous content is kept";

    private Runnable readChecked(Path file) {
        String origin = file.toString();
        BasicFileAttributes before;
        try {
            before = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            Optional<String> link = brokenLink(file, e);
            return link.isPresent() ? () -> report(origin, List.of(problem(origin, link.get() + KEPT)))
                    : () -> { }; // removed since listed; the next scan drops it
        }
        if (!before.isRegularFile()) {
            String what = before.isDirectory() ? "a directory" : "not a regular file (a FIFO, socket or device)";
            return () -> report(origin, List.of(problem(origin, "is " + what + "; it is not read" + KEPT)));
        }
        if (before.size() > limits.maxFileBytes()) {
            return () -> report(origin, List.of(tooBig(origin, Sizes.of(before.size()))));
        }
        byte[] bytes;
        reading.put(file, System.nanoTime());
        try {
            beforeOpen.accept(file);
            bytes = readAtMost(file, limits.maxFileBytes() + 1);
        } catch (NoSuchFileException e) {
            return () -> { }; // removed since listed; the next scan drops it
        } catch (IOException e) {
            return () -> report(origin, List.of(problem(origin, "cannot be read: " + e + KEPT)));
        } finally {
            reading.remove(file);
        }
        if (bytes.length > limits.maxFileBytes()) {
            return () -> report(origin, List.of(tooBig(origin, "more than " + Sizes.of(limits.maxFileBytes()))));
        }
        Optional<FileStamp> after = FileStamp.of(file);
        if (after.isEmpty() || !after.get().regular()) {
            return () -> report(origin, List.of(problem(origin,
                    "was replaced while it was read by something that is not a regular file" + KEPT)));
        }
        if (!after.get().equals(FileStamp.of(before))) {
            // Written while read (in place): its next event (or the next rescan, the stamp differs) reads it again.
            log.debug("{} changed while it was read; reading it again on its next change", file);
            return () -> known.put(file, FileStamp.CHANGED);
        }
        String text;
        try {
            // A strict decoder: a file in another encoding is reported rather than read as replacement characters.
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return () -> report(origin, List.of(problem(origin, "is not UTF-8 text")));
        }
        ManifestParser.ParsedManifests parsed = ManifestParser.parse(origin, text, limits.parser());
        return () -> push(file, parsed);
    }

    /** Bounded: a file growing after the check is not read past the limit. */
    private static byte[] readAtMost(Path file, long bytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, bytes));
        }
    }

    private ConfigProblem tooBig(String origin, String size) {
        return problem(origin, size + " is more than " + FileLimits.MAX_FILE_BYTES + " ("
                + Sizes.of(limits.maxFileBytes()) + ")" + KEPT);
    }

    /** Why {@code file} cannot be followed, when it is a symbolic link (a loop, or to nothing); else empty. */
    private static Optional<String> brokenLink(Path file, IOException error) {
        if (!Files.isSymbolicLink(file)) {
            return Optional.empty();
        }
        if (error instanceof FileSystemException fs && fs.getReason() != null
                && fs.getReason().toLowerCase(Locale.ROOT).contains("levels of symbolic links")) {
            return Optional.of("is a symbolic link loop; it is not read");
        }
        if (error instanceof NoSuchFileException) {
            return Optional.of("is a symbolic link to a file that does not exist; it is not read");
        }
        return Optional.of("is a symbolic link that cannot be followed (" + error + "); it is not read");
    }

    private void push(Path file, ManifestParser.ParsedManifests parsed) {
        String origin = file.toString();
        if (parsed.syntaxError().isPresent()) {
            ConfigProblem error = parsed.syntaxError().get();
            if (parsed.limitExceeded()) {
                error = new ConfigProblem(error.location(), error.resource(), error.fieldPath(), error.message() + KEPT);
            }
            log.warn("{}: {}{}", error.location(), error.message(),
                    parsed.limitExceeded() ? "" : "; its last good content keeps serving");
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
        problems.forEach(problem -> log.warn("{}{}", problem,
                problem.message().endsWith(KEPT) ? "" : "; its last good content keeps serving"));
        sink.reportProblems(origin, problems);
    }

    private static ConfigProblem problem(String origin, String message) {
        return new ConfigProblem(new SourceLocation(origin, 0), Optional.empty(), "", message);
    }

    /** A manifest's name: YAML or JSON by extension, not hidden, not an editor's temporary or lock file. */
    private static boolean isManifestName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && !name.startsWith("#")
                && (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"));
    }

    /**
     * What tells a file changed without reading it: a rename or delete+create changes the file key. Links are
     * followed; an entry that cannot be followed (a link loop, a link to nothing) has the stamp of the link itself,
     * so that it is reported (once per change) rather than taken for removed. Empty when the entry is gone.
     */
    private record FileStamp(FileTime lastModified, long size, Object fileKey, boolean regular) {

        /** Equal to no file's stamp: the next rescan reads the file again. */
        static final FileStamp CHANGED = new FileStamp(FileTime.fromMillis(0), -2, null, false);

        static Optional<FileStamp> of(Path file) {
            try {
                return Optional.of(of(Files.readAttributes(file, BasicFileAttributes.class)));
            } catch (IOException e) {
                try {
                    BasicFileAttributes link = Files.readAttributes(file, BasicFileAttributes.class,
                            LinkOption.NOFOLLOW_LINKS);
                    return Optional.of(new FileStamp(link.lastModifiedTime(), -1, link.fileKey(), false));
                } catch (IOException gone) {
                    return Optional.empty();
                }
            }
        }

        static FileStamp of(BasicFileAttributes attributes) {
            return new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey(),
                    attributes.isRegularFile());
        }
    }
}
