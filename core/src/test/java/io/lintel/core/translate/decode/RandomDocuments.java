package io.lintel.core.translate.decode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random HTTPRoute, Gateway, Service and EndpointSlice documents (mutable map trees) for {@link DirectDecoderEquivalenceTest}:
 * {@link #clean} ones use only fields the direct readers cover, with the value types a YAML parser gives;
 * {@link #mutate} then breaks one spot of a tree the ways manifests go wrong (an unknown or uncovered key, a null, a
 * number as a string, a long, a fraction, an empty list or map where the other is expected, a removed field).
 */
final class RandomDocuments {

    private final Random random;

    RandomDocuments(long seed) {
        this.random = new Random(seed);
    }

    /** A document of one of the four kinds, covered by the direct readers throughout. */
    Map<String, Object> clean() {
        return switch (random.nextInt(4)) {
            case 0 -> route();
            case 1 -> service();
            case 2 -> gateway();
            default -> endpointSlice();
        };
    }

    // ---- HTTPRoute

    Map<String, Object> route() {
        Map<String, Object> doc = map("apiVersion", pick("gateway.networking.k8s.io/v1",
                "gateway.networking.k8s.io/v1beta1"), "kind", "HTTPRoute", "metadata", metadata());
        Map<String, Object> spec = map();
        maybe(spec, "parentRefs", () -> list(this::parentRef));
        maybe(spec, "hostnames", () -> list(() -> pick("a.test", "*.b.test", "c")));
        maybe(spec, "rules", () -> list(this::rule));
        maybe(spec, "useDefaultGateways", () -> pick("All", "None"));
        if (random.nextInt(10) > 0) {
            doc.put("spec", spec);
        }
        return doc;
    }

    private Map<String, Object> parentRef() {
        Map<String, Object> ref = map("name", pick("gw", "other"));
        maybe(ref, "namespace", () -> "ns");
        maybe(ref, "sectionName", () -> "http");
        maybe(ref, "port", () -> pick(80, 8080));
        maybe(ref, "group", () -> pick("gateway.networking.k8s.io", ""));
        maybe(ref, "kind", () -> "Gateway");
        return ref;
    }

    private Map<String, Object> rule() {
        Map<String, Object> rule = map();
        maybe(rule, "name", () -> "r" + random.nextInt(9));
        maybe(rule, "matches", () -> list(this::match));
        maybe(rule, "filters", () -> list(this::filter));
        maybe(rule, "backendRefs", () -> list(this::backendRef));
        maybe(rule, "timeouts", () -> pickMap(map("request", "10s"), map("backendRequest", "1s", "request", "5s")));
        maybe(rule, "retry", () -> map("attempts", 2, "backoff", "100ms", "codes", new ArrayList<>(List.of(500, 503))));
        return rule;
    }

    private Map<String, Object> match() {
        Map<String, Object> match = map();
        maybe(match, "path", () -> map("type", pick("PathPrefix", "Exact", "RegularExpression"), "value", "/a"));
        maybe(match, "headers", () -> list(() -> map("name", "x-h", "value", "v", "type", "Exact")));
        maybe(match, "queryParams", () -> list(() -> map("name", "q", "value", "1")));
        maybe(match, "method", () -> pick("GET", "POST"));
        return match;
    }

    private Map<String, Object> filter() {
        return switch (random.nextInt(7)) {
            case 0 -> map("type", "RequestHeaderModifier", "requestHeaderModifier", headerFilter());
            case 1 -> map("type", "ResponseHeaderModifier", "responseHeaderModifier", headerFilter());
            case 2 -> {
                Map<String, Object> redirect = map();
                maybe(redirect, "scheme", () -> "https");
                maybe(redirect, "hostname", () -> "r.test");
                maybe(redirect, "port", () -> 8443);
                maybe(redirect, "statusCode", () -> pick(301, 302));
                maybe(redirect, "path", this::pathModifier);
                yield map("type", "RequestRedirect", "requestRedirect", redirect);
            }
            case 3 -> {
                Map<String, Object> rewrite = map();
                maybe(rewrite, "hostname", () -> "w.test");
                maybe(rewrite, "path", this::pathModifier);
                yield map("type", "URLRewrite", "urlRewrite", rewrite);
            }
            case 4 -> {
                Map<String, Object> mirror = map("backendRef", map("name", "m", "port", 80));
                maybe(mirror, "percent", () -> 50);
                maybe(mirror, "fraction", () -> map("numerator", 1, "denominator", 4));
                yield map("type", "RequestMirror", "requestMirror", mirror);
            }
            case 5 -> map("type", "ExtensionRef", "extensionRef", map("group", "lintel.io", "kind", "K", "name", "e"));
            default -> map("type", "RequestHeaderModifier", "requestHeaderModifier", map());
        };
    }

    private Map<String, Object> headerFilter() {
        Map<String, Object> headers = map();
        maybe(headers, "set", () -> list(() -> map("name", "a", "value", "1")));
        maybe(headers, "add", () -> list(() -> map("name", "b", "value", "2")));
        maybe(headers, "remove", () -> list(() -> "c"));
        return headers;
    }

    private Map<String, Object> pathModifier() {
        return random.nextBoolean() ? map("type", "ReplaceFullPath", "replaceFullPath", "/x")
                : map("type", "ReplacePrefixMatch", "replacePrefixMatch", "/y");
    }

    private Map<String, Object> backendRef() {
        Map<String, Object> ref = map("name", pick("svc", "other"));
        maybe(ref, "port", () -> pick(80, 8080));
        maybe(ref, "weight", () -> pick(0, 1, 100));
        maybe(ref, "namespace", () -> "ns");
        maybe(ref, "group", () -> "");
        maybe(ref, "kind", () -> "Service");
        maybe(ref, "filters", () -> list(this::filter));
        return ref;
    }

    // ---- Gateway

    Map<String, Object> gateway() {
        Map<String, Object> spec = map("gatewayClassName", "lintel");
        maybe(spec, "addresses", () -> list(() -> map("type", pick("IPAddress", "Hostname"), "value", "127.0.0.1")));
        maybe(spec, "listeners", () -> list(() -> {
            Map<String, Object> listener = map("name", "l" + random.nextInt(9), "port", pick(80, 443),
                    "protocol", pick("HTTP", "HTTPS", "TLS"));
            maybe(listener, "hostname", () -> "*.a.test");
            maybe(listener, "tls", () -> {
                Map<String, Object> tls = map();
                maybe(tls, "mode", () -> pick("Terminate", "Passthrough"));
                maybe(tls, "certificateRefs", () -> list(() -> map("name", "cert", "kind", "Secret", "group", "",
                        "namespace", "ns")));
                maybe(tls, "options", () -> map("lintel.io/min-version", "1.3"));
                return tls;
            });
            maybe(listener, "allowedRoutes", () -> {
                Map<String, Object> allowed = map();
                maybe(allowed, "namespaces", () -> {
                    Map<String, Object> namespaces = map("from", pick("All", "Same", "Selector"));
                    maybe(namespaces, "selector", () -> {
                        Map<String, Object> selector = map();
                        maybe(selector, "matchLabels", () -> map("env", "prod"));
                        maybe(selector, "matchExpressions", () -> list(() -> map("key", "k", "operator", "In",
                                "values", list(() -> "v"))));
                        return selector;
                    });
                    return namespaces;
                });
                maybe(allowed, "kinds", () -> list(() -> map("group", "gateway.networking.k8s.io",
                        "kind", "HTTPRoute")));
                return allowed;
            });
            return listener;
        }));
        maybe(spec, "infrastructure", () -> map("labels", map("a", "b"), "annotations", map("c", "d"),
                "parametersRef", map("group", "g", "kind", "K", "name", "p")));
        return map("apiVersion", pick("gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1"),
                "kind", "Gateway", "metadata", metadata(), "spec", spec);
    }

    // ---- Service and EndpointSlice

    Map<String, Object> service() {
        Map<String, Object> spec = map();
        maybe(spec, "ports", () -> list(() -> {
            Map<String, Object> port = map("port", pick(80, 443));
            maybe(port, "name", () -> "http");
            maybe(port, "protocol", () -> pick("TCP", "UDP"));
            maybe(port, "appProtocol", () -> pick("kubernetes.io/h2c", "http"));
            maybe(port, "targetPort", () -> pick(8080, "web"));
            maybe(port, "nodePort", () -> 30080);
            return port;
        }));
        maybe(spec, "selector", () -> map("app", "a"));
        maybe(spec, "type", () -> pick("ClusterIP", "ExternalName"));
        maybe(spec, "externalName", () -> "x.test");
        maybe(spec, "clusterIP", () -> "None");
        maybe(spec, "clusterIPs", () -> list(() -> "10.0.0.1"));
        maybe(spec, "ipFamilies", () -> list(() -> "IPv4"));
        maybe(spec, "publishNotReadyAddresses", random::nextBoolean);
        maybe(spec, "healthCheckNodePort", () -> 31000);
        Map<String, Object> doc = map("apiVersion", "v1", "kind", "Service", "metadata", metadata());
        if (random.nextInt(10) > 0) {
            doc.put("spec", spec);
        }
        return doc;
    }

    Map<String, Object> endpointSlice() {
        Map<String, Object> doc = map("apiVersion", "discovery.k8s.io/v1", "kind", "EndpointSlice",
                "metadata", metadata());
        maybe(doc, "addressType", () -> pick("IPv4", "IPv6", "FQDN"));
        maybe(doc, "ports", () -> list(() -> {
            Map<String, Object> port = map();
            maybe(port, "name", () -> "http");
            maybe(port, "port", () -> pick(9, 8080));
            maybe(port, "protocol", () -> "TCP");
            maybe(port, "appProtocol", () -> "http");
            return port;
        }));
        maybe(doc, "endpoints", () -> list(() -> {
            Map<String, Object> endpoint = map("addresses", list(() -> "127.0.0." + random.nextInt(9)));
            maybe(endpoint, "conditions", () -> {
                Map<String, Object> conditions = map();
                maybe(conditions, "ready", random::nextBoolean);
                maybe(conditions, "serving", random::nextBoolean);
                maybe(conditions, "terminating", random::nextBoolean);
                return conditions;
            });
            maybe(endpoint, "hostname", () -> "h");
            maybe(endpoint, "nodeName", () -> "n");
            maybe(endpoint, "zone", () -> "z");
            maybe(endpoint, "targetRef", () -> map("kind", "Pod", "name", "p", "namespace", "ns"));
            maybe(endpoint, "hints", () -> map("forZones", list(() -> map("name", "z"))));
            maybe(endpoint, "deprecatedTopology", () -> map("k", "v"));
            return endpoint;
        }));
        return doc;
    }

    private Map<String, Object> metadata() {
        Map<String, Object> meta = map("name", "n" + random.nextInt(100));
        maybe(meta, "namespace", () -> "ns");
        maybe(meta, "labels", () -> map("kubernetes.io/service-name", "svc", "app", "a"));
        maybe(meta, "annotations", () -> map("note", "x"));
        maybe(meta, "creationTimestamp", () -> "2026-12-07T10:00:00Z");
        maybe(meta, "generation", () -> pick(1, 7));
        maybe(meta, "resourceVersion", () -> "123");
        maybe(meta, "uid", () -> "u-1");
        maybe(meta, "finalizers", () -> list(() -> "f"));
        maybe(meta, "ownerReferences", () -> list(() -> map("apiVersion", "v1", "kind", "Service", "name", "s",
                "uid", "u", "controller", true, "blockOwnerDeletion", false)));
        return meta;
    }

    // ---- mutations

    /** Replaces, adds or removes the value at one random spot of {@code tree} (in place). */
    void mutate(Map<String, Object> tree) {
        List<Runnable> spots = new ArrayList<>();
        collect(tree, spots);
        spots.get(random.nextInt(spots.size())).run();
    }

    private void collect(Object node, List<Runnable> spots) {
        if (node instanceof Map<?, ?> raw) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) raw;
            spots.add(() -> map.put(pick("extra", "status", "sessionPersistence", "cors", "managedFields", "spec",
                    "kind", "apiVersion", "backendTLS", "tls"), oddValue()));
            spots.add(() -> map.put(1, "x"));
            for (Object key : List.copyOf(map.keySet())) {
                spots.add(() -> map.put(key, oddValue()));
                spots.add(() -> map.remove(key));
                collect(map.get(key), spots);
            }
        } else if (node instanceof List<?> raw) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) raw;
            spots.add(() -> list.add(oddValue()));
            for (int i = 0; i < list.size(); i++) {
                int at = i;
                spots.add(() -> list.set(at, oddValue()));
                collect(list.get(i), spots);
            }
        }
    }

    /** A value of a type some field does not expect. */
    private Object oddValue() {
        return switch (random.nextInt(14)) {
            case 0 -> null;
            case 1 -> 80;
            case 2 -> "80";
            case 3 -> 5_000_000_000L;
            case 4 -> 1.5;
            case 5 -> true;
            case 6 -> "true";
            case 7 -> new ArrayList<>();
            case 8 -> new LinkedHashMap<>();
            case 9 -> new ArrayList<>(List.of("a"));
            case 10 -> map("name", "x");
            case 11 -> BigInteger.TEN.pow(30);
            case 12 -> "";
            default -> 2.0;
        };
    }

    // ---- helpers

    private void maybe(Map<String, Object> map, String key, Supplier<Object> value) {
        if (random.nextInt(3) > 0) {
            map.put(key, value.get());
        }
    }

    private List<Object> list(Supplier<Object> item) {
        List<Object> list = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            list.add(item.get());
        }
        return list;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private Map<String, Object> pickMap(Map<String, Object> a, Map<String, Object> b) {
        return random.nextBoolean() ? a : b;
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
