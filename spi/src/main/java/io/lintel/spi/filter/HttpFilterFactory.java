package io.lintel.spi.filter;

import io.lintel.spi.GatewayFeature;
import java.util.Set;

/**
 * Turns a filter's raw configuration into a validated spec ({@link #translate}, pure, run on every
 * configuration change) and a spec into a runtime filter for one rule ({@link #create(FilterSpec, RuleRef)}).
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

    /**
     * Creates the runtime filter of one rule for a spec this factory produced. Core calls it once per rule and
     * filter position (and once per backendRef of the rule for a backendRef's filters): two rules with equal specs
     * get two filters, so state a filter keeps is its rule's. A reload keeps the filter (no new call) while the rule's
     * identity ({@code rule}) and the spec are equal, so state survives unrelated changes; a changed spec, rule name
     * or rule position creates a new one. The default calls {@link #create(FilterSpec)}.
     */
    default HttpFilter create(FilterSpec spec, RuleRef rule) {
        return create(spec);
    }

    /**
     * Creates a runtime filter for a spec this factory produced, not knowing its rule (the SPI v1 method). A factory
     * implements this one or {@link #create(FilterSpec, RuleRef)}; the default throws.
     */
    default HttpFilter create(FilterSpec spec) {
        throw new UnsupportedOperationException(getClass().getName() + " implements neither create method");
    }
}
