package io.lintel.core.plugin;

/**
 * Sets the current thread's context class loader until closed, for calls into a plugin: libraries inside it that
 * look classes up through the context loader (ServiceLoader, Jackson, JAXB...) then find the plugin's classes.
 */
final class ThreadContextClassLoader implements AutoCloseable {

    private final Thread thread = Thread.currentThread();
    private final ClassLoader original;

    ThreadContextClassLoader(ClassLoader loader) {
        original = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
    }

    @Override
    public void close() {
        thread.setContextClassLoader(original);
    }
}
