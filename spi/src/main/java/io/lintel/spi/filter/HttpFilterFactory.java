package io.lintel.spi.filter;

import io.lintel.spi.GatewayFeature;
import java.util.Set;

/**
 * Turns a filter's raw configuration into a validated spec ({@link #translate}, pure, run on every
 * configuration change) and a spec into a runtime filter ({@link #create}, run once per changed spec).
 *
 * <p>Thread-safe and stateless; neither method may block or do I/O.
 */
public interface HttpFilterFactory {

    /** What this factory handles. */
    FilterKey key();

    /** The Gateway API features this factory implements; they appear in GatewayClass {@code supportedFeatures}. */
    default Set<GatewayFeature> features() {
        return Set.of();
    }

    /**
     * The fields of this filter's configuration that hold a Gateway API {@code BackendObjectReference}, relative to
     * the configuration and dot-separated (e.g. {@code backendRef} for {@code requestMirror.backendRef}). Core
     * resolves each one present as it resolves a rule's {@code backendRefs}, reports invalid ones on the route
     * ({@code ResolvedRefs=False}), and passes them to {@link #translate} in {@link FilterConfig#backends()}.
     * Empty by default.
     */
    default Set<String> backendRefFields() {
        return Set.of();
    }

    /**
     * Validates raw configuration.
     *
     * @throws FilterConfigException naming the field and reason when it is unusable
     */
    FilterSpec translate(FilterConfig config) throws FilterConfigException;

    /** Creates the runtime filter for a spec this factory produced. */
    HttpFilter create(FilterSpec spec);
}
