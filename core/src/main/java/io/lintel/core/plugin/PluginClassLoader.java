package io.lintel.core.plugin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one plugin directory: its jars, on top of the platform class loader, so a plugin sees neither
 * core's nor another plugin's classes. Only classes and resources of the shared packages ({@link #SHARED_PACKAGES}:
 * the SPI, Netty, slf4j) come from core's class loader, so that plugin and core agree on those types. A Netty class
 * core does not have (a Netty module core does not ship, e.g. {@code netty-codec-redis}) comes from the plugin's own
 * jars, so a plugin may bring such a module, built for core's Netty version, without core depending on it.
 */
public final class PluginClassLoader extends URLClassLoader {

    /** Package prefixes loaded from core's class loader; everything else is the plugin's own. */
    public static final List<String> SHARED_PACKAGES = List.of("io.lintel.spi.", "io.netty.", "org.slf4j.");

    /** Shared packages a plugin may add classes to: those core lacks come from the plugin's jars. */
    private static final String PLUGIN_EXTENSIBLE_PACKAGE = "io.netty.";

    private static final List<String> SHARED_RESOURCE_PREFIXES =
            SHARED_PACKAGES.stream().map(p -> p.replace('.', '/')).toList();

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader coreLoader;

    /**
     * @param pluginName names the loader in stack traces
     * @param jars the plugin's jars, in class path order
     * @param coreLoader the loader the shared packages come from
     */
    public PluginClassLoader(String pluginName, List<URL> jars, ClassLoader coreLoader) {
        // Platform, not application, as parent: the application class path is core's, and plugins must not see it.
        super(requireNonNull(pluginName, "pluginName"), requireNonNull(jars, "jars").toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        this.coreLoader = requireNonNull(coreLoader, "coreLoader");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = isShared(name) ? loadShared(name) : super.loadClass(name, false);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        return isSharedResource(name) ? coreLoader.getResource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return isSharedResource(name) ? coreLoader.getResources(name) : super.getResources(name);
    }

    private Class<?> loadShared(String name) throws ClassNotFoundException {
        try {
            return coreLoader.loadClass(name);
        } catch (ClassNotFoundException e) {
            if (!name.startsWith(PLUGIN_EXTENSIBLE_PACKAGE)) {
                throw e;
            }
            return super.loadClass(name, false);
        }
    }

    private static boolean isShared(String className) {
        for (String prefix : SHARED_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSharedResource(String resourceName) {
        String name = resourceName.startsWith("/") ? resourceName.substring(1) : resourceName;
        for (String prefix : SHARED_RESOURCE_PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
