package io.lintel.core.cli;

import io.lintel.core.server.EventLoops;
import io.lintel.core.translate.decode.DocumentDecoder;

/**
 * Start-up work that does not depend on plugins or configuration, done on a thread of its own (started first thing in
 * {@link Main}) while the main thread sets up logging, parses the command line, loads plugins and reads the
 * configuration: on two cores, a start then uses both instead of one. Each step is only a
 * head start (class loading, a native library probe, deserializers built and cached): whichever thread needs a result
 * first computes it, the other waits for it, so the outcome is the same as without this thread.
 */
final class StartupPreparation {

    private StartupPreparation() {}

    static void start() {
        Thread thread = new Thread(StartupPreparation::run, "lintel-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            // the data plane's transport probe (loads the epoll native library): needed when the runtime is built
            EventLoops.prepare();
            // fabric8's serialization and the direct readers: needed by the first translation, after the files are read
            DocumentDecoder.prepare();
        } catch (RuntimeException | LinkageError e) {
            // the main thread does the same work when it needs it, and reports a real failure there
        }
    }
}
