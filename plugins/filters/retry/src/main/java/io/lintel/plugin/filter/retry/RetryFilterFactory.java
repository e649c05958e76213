package io.lintel.plugin.filter.retry;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Translates an HTTPRoute rule's {@code retry} field (GEP-1731: {@code codes} 400-599, {@code attempts} >= 0,
 * {@code backoff} a Gateway API duration) into a {@link RetrySpec}, and a spec into a {@link RetryFilter}. Without
 * {@code attempts} a request is retried once; without {@code codes} only failed connections are retried.
 */
public final class RetryFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.ruleField("retry");
    static final int DEFAULT_ATTEMPTS = 1;

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<GatewayFeature> features() {
        return Set.of(GatewayFeature.HTTPRouteRetry, GatewayFeature.HTTPRouteRetryConnectionError,
                GatewayFeature.HTTPRouteRetryBackendTimeout);
    }

    @Override
    public RetrySpec translate(FilterConfig config) throws FilterConfigException {
        ConfigReader reader = ConfigReader.of(config).requireOnly(Set.of("codes", "attempts", "backoff"));
        TreeSet<Integer> codes = new TreeSet<>();
        Object raw = config.value().get("codes");
        if (raw != null && !(raw instanceof List<?>)) {
            throw reader.invalid("codes", "expected a list of status codes");
        }
        List<?> list = raw == null ? List.of() : (List<?>) raw;
        for (int i = 0; i < list.size(); i++) {
            Object code = list.get(i);
            if (!(code instanceof Integer || code instanceof Long) || ((Number) code).longValue() < 400
                    || ((Number) code).longValue() > 599) {
                throw reader.invalid("codes[" + i + "]", "expected a status code from 400 to 599, got " + code);
            }
            codes.add(((Number) code).intValue());
        }
        int attempts = reader.optionalInt("attempts").orElse(DEFAULT_ATTEMPTS);
        if (attempts < 0) {
            throw reader.invalid("attempts", "expected 0 or more, got " + attempts);
        }
        Duration backoff = GatewayDuration.optional(reader, "backoff").orElse(Duration.ZERO);
        return new RetrySpec(new ArrayList<>(codes), attempts, backoff);
    }

    @Override
    public HttpFilter create(FilterSpec spec) {
        if (!(spec instanceof RetrySpec retry)) {
            throw new IllegalArgumentException("expected a RetrySpec, got " + spec);
        }
        return new RetryFilter(retry);
    }
}
