package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.config.ConfigProblem;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.ResourceSink;
import java.util.List;

/**
 * Calls the sink with the thread context class loader set to the sink's own (core's) class loader.
 *
 * <p>Why: this plugin's threads carry the plugin's class loader as context class loader, and a thread core creates
 * while serving a call (the store's control thread is created on the first change) inherits it. Core's own fabric8
 * then finds this plugin's fabric8 model classes through {@link java.util.ServiceLoader} and fails with
 * {@link java.util.ServiceConfigurationError} ("not a subtype"), so no configuration would ever be applied.
 */
final class CoreContextSink implements ResourceSink {

    private final ResourceSink sink;
    private final ClassLoader coreLoader;

    CoreContextSink(ResourceSink sink) {
        this.sink = requireNonNull(sink, "sink");
        ClassLoader loader = sink.getClass().getClassLoader();
        this.coreLoader = loader == null ? ClassLoader.getSystemClassLoader() : loader;
    }

    @Override
    public void replaceOrigin(String origin, List<KubernetesDocument> documents) {
        run(() -> sink.replaceOrigin(origin, documents));
    }

    @Override
    public void upsert(KubernetesDocument document) {
        run(() -> sink.upsert(document));
    }

    @Override
    public void delete(ResourceKey key) {
        run(() -> sink.delete(key));
    }

    @Override
    public void reportProblems(String origin, List<ConfigProblem> problems) {
        run(() -> sink.reportProblems(origin, problems));
    }

    @Override
    public void markSynced() {
        run(sink::markSynced);
    }

    private void run(Runnable call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(coreLoader);
        try {
            call.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
