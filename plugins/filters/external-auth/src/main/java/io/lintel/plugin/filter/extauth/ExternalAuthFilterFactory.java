package io.lintel.plugin.filter.extauth;

import io.lintel.plugin.filter.support.ConfigReader;
import io.lintel.plugin.filter.support.HttpSyntax;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.spi.filter.FilterConfig;
import io.lintel.spi.filter.FilterConfigException;
import io.lintel.spi.filter.FilterKey;
import io.lintel.spi.filter.FilterSpec;
import io.lintel.spi.filter.HttpFilter;
import io.lintel.spi.filter.HttpFilterFactory;
import io.lintel.spi.filter.RuleRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates the {@code externalAuth} object of an {@code ExternalAuth} filter ({@code protocol}, {@code backendRef},
 * {@code http}, {@code grpc}, {@code forwardBody}) into an {@link ExternalAuthSpec}, and a spec into one
 * {@link ExternalAuthFilter} per rule, asking in the spec's protocol ({@link HttpAuthProtocol},
 * {@link GrpcAuthProtocol}). Core resolves {@code backendRef}: an invalid one is reported on the route
 * ({@code ResolvedRefs=False}) and, as the filter must not be skipped, the rule then refuses every request (403).
 * Declares no feature: Gateway API v1.6.1 names none for this experimental filter.
 */
public final class ExternalAuthFilterFactory implements HttpFilterFactory {

    static final FilterKey KEY = FilterKey.filterType("ExternalAuth");
    static final String BACKEND_REF = "backendRef";
    /** The CRD's bound on each header list. */
    private static final int MAX_HEADERS = 64;

    private final HttpAuthProtocol http;
    private final GrpcAuthProtocol grpc;

    ExternalAuthFilterFactory(ExternalAuthSettings settings, Clock clock) {
        this.http = new HttpAuthProtocol(settings);
        this.grpc = new GrpcAuthProtocol(settings, clock);
    }

    @Override
    public FilterKey key() {
        return KEY;
    }

    @Override
    public Set<String> backendRefFields() {
        return Set.of(BACKEND_REF);
    }

    @Override
    public ExternalAuthSpec translate(FilterConfig config) throws FilterConfigException {
        ConfigReader auth = ConfigReader.of(config)
                .requireOnly(Set.of("protocol", BACKEND_REF, "http", "grpc", "forwardBody"));
        String protocol = auth.requiredString("protocol");
        FilterBackend backend = config.backends().get(BACKEND_REF);
        if (!auth.has(BACKEND_REF) || backend == null) {
            throw auth.invalid(BACKEND_REF, "required field is missing");
        }
        ExternalAuthSpec.Protocol kind = switch (protocol) {
            case "HTTP" -> ExternalAuthSpec.Protocol.HTTP;
            case "GRPC" -> ExternalAuthSpec.Protocol.GRPC;
            default -> throw auth.invalid("protocol", "must be HTTP or GRPC, got \"" + protocol + "\"");
        };
        String other = kind == ExternalAuthSpec.Protocol.HTTP ? "grpc" : "http";
        if (auth.has(other)) {
            throw auth.invalid(other, "must not be set when protocol is " + protocol);
        }
        String pathPrefix = "";
        List<String> allowedHeaders = List.of();
        List<String> allowedResponseHeaders = List.of();
        if (auth.optionalObject("grpc").isPresent()) {
            ConfigReader grpc = auth.optionalObject("grpc").orElseThrow().requireOnly(Set.of("allowedHeaders"));
            allowedHeaders = headerNames(grpc, "allowedHeaders");
        }
        if (auth.optionalObject("http").isPresent()) {
            ConfigReader http = auth.optionalObject("http").orElseThrow()
                    .requireOnly(Set.of("path", "allowedHeaders", "allowedResponseHeaders"));
            pathPrefix = pathPrefix(http);
            allowedHeaders = headerNames(http, "allowedHeaders");
            allowedResponseHeaders = headerNames(http, "allowedResponseHeaders");
        }
        int forwardBodyMaxSize = 0;
        if (auth.optionalObject("forwardBody").isPresent()) {
            ConfigReader forwardBody = auth.optionalObject("forwardBody").orElseThrow().requireOnly(Set.of("maxSize"));
            forwardBodyMaxSize = forwardBody.optionalInt("maxSize").orElse(0);
            if (forwardBodyMaxSize < 0 || forwardBodyMaxSize > 0xFFFF) {
                throw forwardBody.invalid("maxSize", "must be from 0 to 65535, got " + forwardBodyMaxSize);
            }
        }
        return new ExternalAuthSpec(kind, backend, pathPrefix, allowedHeaders, allowedResponseHeaders, forwardBodyMaxSize);
    }

    private static String pathPrefix(ConfigReader http) throws FilterConfigException {
        String path = http.optionalString("path").orElse("");
        if (path.isEmpty()) {
            return "";
        }
        if (!path.startsWith("/") || path.contains("?") || path.contains("#") || path.chars().anyMatch(c -> c <= ' ')) {
            throw http.invalid("path", "must be an absolute path without query, fragment or spaces, got \"" + path + "\"");
        }
        // the client's path starts with '/' itself
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static List<String> headerNames(ConfigReader config, String field) throws FilterConfigException {
        List<String> names = config.stringList(field);
        if (names.size() > MAX_HEADERS) {
            throw config.invalid(field, "at most " + MAX_HEADERS + " header names, got " + names.size());
        }
        List<String> lower = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!HttpSyntax.isToken(name)) {
                throw config.invalid(field + "[" + i + "]", "not a header name: \"" + name + "\"");
            }
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        return lower;
    }

    @Override
    public HttpFilter create(FilterSpec spec, RuleRef rule) {
        if (!(spec instanceof ExternalAuthSpec auth)) {
            throw new IllegalArgumentException("expected an ExternalAuthSpec, got " + spec);
        }
        return new ExternalAuthFilter(auth, rule,
                auth.protocol() == ExternalAuthSpec.Protocol.HTTP ? http : grpc);
    }
}
