package io.lintel.plugin.filter.mirror;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.util.Set;

/**
 * Translates the {@code requestMirror} object of a {@code RequestMirror} filter ({@code backendRef}, and the v1.2
 * {@code percent} or {@code fraction}) into a {@link RequestMirrorSpec}, and a spec into a
 * {@link RequestMirrorFilter}. Core resolves {@code backendRef} (declared in {@link #backendRefFields()}): an
 * invalid one is reported on the route ({@code ResolvedRefs=False}) and the mirror is dropped while the rule keeps
 * serving, as the Gateway API requires. A rule may list several mirrors (HTTPRouteRequestMultipleMirrors).
 */
public final class RequestMirrorFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.filterType("RequestMirror");
    static final String BACKEND_REF = "backendRef";

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteRequestMirror, GatewayFeature.HTTPRouteRequestMultipleMirrors,
                GatewayFeature.HTTPRouteRequestPercentageMirror);
    }

    @Override
    public Set<String> backendRefFields() {
        return Set.of(BACKEND_REF);
    }

    @Override
    public RequestMirrorSpec translate(FilterConfig config) throws FilterConfigException {
        ConfigReader mirror = ConfigReader.of(config).requireOnly(Set.of(BACKEND_REF, "percent", "fraction"));
        FilterBackend backend = config.backends().get(BACKEND_REF);
        if (!mirror.has(BACKEND_REF) || backend == null) {
            throw mirror.invalid(BACKEND_REF, "required field is missing");
        }
        if (mirror.has("percent") && mirror.has("fraction")) {
            throw mirror.invalid("only one of percent or fraction may be specified");
        }
        if (mirror.has("percent")) {
            int percent = mirror.optionalInt("percent").getAsInt();
            if (percent < 0 || percent > 100) {
                throw mirror.invalid("percent", "must be from 0 to 100, got " + percent);
            }
            return new RequestMirrorSpec(backend, percent, 100);
        }
        if (mirror.has("fraction")) {
            ConfigReader fraction = mirror.optionalObject("fraction").orElseThrow()
                    .requireOnly(Set.of("numerator", "denominator"));
            int numerator = fraction.optionalInt("numerator")
                    .orElseThrow(() -> fraction.invalid("numerator", "required field is missing"));
            int denominator = fraction.optionalInt("denominator").orElse(100);
            if (numerator < 0) {
                throw fraction.invalid("numerator", "must be at least 0, got " + numerator);
            }
            if (denominator < 1) {
                throw fraction.invalid("denominator", "must be at least 1, got " + denominator);
            }
            if (numerator > denominator) {
                throw fraction.invalid("numerator must be less than or equal to denominator, got " + numerator + "/"
                        + denominator);
            }
            return new RequestMirrorSpec(backend, numerator, denominator);
        }
        return new RequestMirrorSpec(backend, 1, 1);
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        if (!(spec instanceof RequestMirrorSpec mirror)) {
            throw new IllegalArgumentException("expected a RequestMirrorSpec, got " + spec);
        }
        return new RequestMirrorFilter(mirror);
    }
}
