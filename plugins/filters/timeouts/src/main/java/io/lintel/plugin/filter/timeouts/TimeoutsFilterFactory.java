package io.lintel.plugin.filter.timeouts;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.plugin.filter.support.GatewayDuration;
import io.lintel.spi.GatewayFeature;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Translates an HTTPRoute rule's {@code timeouts} field (GEP-1742) into a {@link TimeoutsSpec} and a spec into a
 * {@link TimeoutsFilter}. Validates as the CRD does: both fields are Gateway API durations, and a non-zero
 * {@code request} is not shorter than {@code backendRequest}.
 */
public final class TimeoutsFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.ruleField("timeouts");

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteRequestTimeout, GatewayFeature.HTTPRouteBackendTimeout);
    }

    @Override
    public TimeoutsSpec translate(FilterConfig config) throws FilterConfigException {
        ConfigReader reader = ConfigReader.of(config).requireOnly(Set.of("request", "backendRequest"));
        Optional<Duration> requestField = GatewayDuration.optional(reader, "request");
        Optional<Duration> backendRequestField = GatewayDuration.optional(reader, "backendRequest");
        Duration request = requestField.orElse(Duration.ZERO);
        Duration backendRequest = backendRequestField.orElse(Duration.ZERO);
        // the CRD's rule: a 0s request (no limit) bounds nothing; a 0s backendRequest is never longer
        if (!request.isZero() && backendRequest.compareTo(request) > 0) {
            throw reader.invalid("backendRequest", "must not be longer than request ("
                    + reader.optionalString("request").orElseThrow() + "), got "
                    + reader.optionalString("backendRequest").orElseThrow());
        }
        return new TimeoutsSpec(request, backendRequest, requestField.isPresent() || backendRequestField.isPresent());
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        if (!(spec instanceof TimeoutsSpec timeouts)) {
            throw new IllegalArgumentException("expected a TimeoutsSpec, got " + spec);
        }
        return new TimeoutsFilter(timeouts);
    }
}
