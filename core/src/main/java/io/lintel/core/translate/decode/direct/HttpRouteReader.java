package io.lintel.core.translate.decode.direct;

import static io.lintel.core.translate.decode.direct.MapReader.decline;
import static io.lintel.core.translate.decode.direct.MapReader.integer;
import static io.lintel.core.translate.decode.direct.MapReader.list;
import static io.lintel.core.translate.decode.direct.MapReader.object;
import static io.lintel.core.translate.decode.direct.MapReader.string;
import static io.lintel.core.translate.decode.direct.MapReader.strings;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Fraction;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestMirrorFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRetry;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteSpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteTimeouts;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;

/**
 * Reads an HTTPRoute (every version, as v1). Covers the fields of the standard channel and the filters core and the
 * built-in plugins serve; a rule's {@code sessionPersistence}, the CORS and external-auth filters and {@code status}
 * are declined (rare, and nested types of their own): Jackson's path decodes those routes.
 */
final class HttpRouteReader {

    static HTTPRoute read(Object content, String apiVersion) {
        HTTPRoute route = new HTTPRoute();
        return TopLevel.withSpec(route, route::setKind, route::setAdditionalProperties, content, apiVersion,
                HttpRouteReader::spec, route::setSpec);
    }

    private static HTTPRouteSpec spec(Object node) {
        HTTPRouteSpec spec = new HTTPRouteSpec();
        return object(node, spec, HTTPRouteSpec::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "parentRefs" -> spec.setParentRefs(list(value, HttpRouteReader::parentRef));
                case "hostnames" -> spec.setHostnames(strings(value));
                case "rules" -> spec.setRules(list(value, HttpRouteReader::rule));
                case "useDefaultGateways" -> spec.setUseDefaultGateways(string(value));
                default -> throw decline();
            }
        });
    }

    private static ParentReference parentRef(Object node) {
        ParentReference ref = new ParentReference();
        return object(node, ref, ParentReference::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> ref.setGroup(string(value));
                case "kind" -> ref.setKind(string(value));
                case "name" -> ref.setName(string(value));
                case "namespace" -> ref.setNamespace(string(value));
                case "sectionName" -> ref.setSectionName(string(value));
                case "port" -> ref.setPort(integer(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPRouteRule rule(Object node) {
        HTTPRouteRule rule = new HTTPRouteRule();
        return object(node, rule, HTTPRouteRule::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "name" -> rule.setName(string(value));
                case "matches" -> rule.setMatches(list(value, HttpRouteReader::match));
                case "filters" -> rule.setFilters(list(value, HttpRouteReader::filter));
                case "backendRefs" -> rule.setBackendRefs(list(value, HttpRouteReader::backendRef));
                case "timeouts" -> rule.setTimeouts(timeouts(value));
                case "retry" -> rule.setRetry(retry(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPRouteMatch match(Object node) {
        HTTPRouteMatch match = new HTTPRouteMatch();
        return object(node, match, HTTPRouteMatch::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "path" -> match.setPath(pathMatch(value));
                case "headers" -> match.setHeaders(list(value, HttpRouteReader::headerMatch));
                case "queryParams" -> match.setQueryParams(list(value, HttpRouteReader::queryParamMatch));
                case "method" -> match.setMethod(string(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPPathMatch pathMatch(Object node) {
        HTTPPathMatch path = new HTTPPathMatch();
        return object(node, path, HTTPPathMatch::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "type" -> path.setType(string(value));
                case "value" -> path.setValue(string(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPHeaderMatch headerMatch(Object node) {
        HTTPHeaderMatch header = new HTTPHeaderMatch();
        return object(node, header, HTTPHeaderMatch::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "type" -> header.setType(string(value));
                case "name" -> header.setName(string(value));
                case "value" -> header.setValue(string(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPQueryParamMatch queryParamMatch(Object node) {
        HTTPQueryParamMatch query = new HTTPQueryParamMatch();
        return object(node, query, HTTPQueryParamMatch::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "type" -> query.setType(string(value));
                case "name" -> query.setName(string(value));
                case "value" -> query.setValue(string(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPBackendRef backendRef(Object node) {
        HTTPBackendRef ref = new HTTPBackendRef();
        return object(node, ref, HTTPBackendRef::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> ref.setGroup(string(value));
                case "kind" -> ref.setKind(string(value));
                case "name" -> ref.setName(string(value));
                case "namespace" -> ref.setNamespace(string(value));
                case "port" -> ref.setPort(integer(value));
                case "weight" -> ref.setWeight(integer(value));
                case "filters" -> ref.setFilters(list(value, HttpRouteReader::filter));
                default -> throw decline();
            }
        });
    }

    private static HTTPRouteFilter filter(Object node) {
        HTTPRouteFilter filter = new HTTPRouteFilter();
        return object(node, filter, HTTPRouteFilter::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "type" -> filter.setType(string(value));
                case "requestHeaderModifier" -> filter.setRequestHeaderModifier(headerFilter(value));
                case "responseHeaderModifier" -> filter.setResponseHeaderModifier(headerFilter(value));
                case "requestRedirect" -> filter.setRequestRedirect(redirect(value));
                case "urlRewrite" -> filter.setUrlRewrite(urlRewrite(value));
                case "requestMirror" -> filter.setRequestMirror(mirror(value));
                case "extensionRef" -> filter.setExtensionRef(localRef(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPHeaderFilter headerFilter(Object node) {
        HTTPHeaderFilter headers = new HTTPHeaderFilter();
        return object(node, headers, HTTPHeaderFilter::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "set" -> headers.setSet(list(value, HttpRouteReader::header));
                case "add" -> headers.setAdd(list(value, HttpRouteReader::header));
                case "remove" -> headers.setRemove(strings(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPHeader header(Object node) {
        HTTPHeader header = new HTTPHeader();
        return object(node, header, HTTPHeader::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "name" -> header.setName(string(value));
                case "value" -> header.setValue(string(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPRequestRedirectFilter redirect(Object node) {
        HTTPRequestRedirectFilter redirect = new HTTPRequestRedirectFilter();
        return object(node, redirect, HTTPRequestRedirectFilter::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "scheme" -> redirect.setScheme(string(value));
                case "hostname" -> redirect.setHostname(string(value));
                case "path" -> redirect.setPath(pathModifier(value));
                case "port" -> redirect.setPort(integer(value));
                case "statusCode" -> redirect.setStatusCode(integer(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPURLRewriteFilter urlRewrite(Object node) {
        HTTPURLRewriteFilter rewrite = new HTTPURLRewriteFilter();
        return object(node, rewrite, HTTPURLRewriteFilter::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "hostname" -> rewrite.setHostname(string(value));
                case "path" -> rewrite.setPath(pathModifier(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPPathModifier pathModifier(Object node) {
        HTTPPathModifier path = new HTTPPathModifier();
        return object(node, path, HTTPPathModifier::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "type" -> path.setType(string(value));
                case "replaceFullPath" -> path.setReplaceFullPath(string(value));
                case "replacePrefixMatch" -> path.setReplacePrefixMatch(string(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPRequestMirrorFilter mirror(Object node) {
        HTTPRequestMirrorFilter mirror = new HTTPRequestMirrorFilter();
        return object(node, mirror, HTTPRequestMirrorFilter::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "backendRef" -> mirror.setBackendRef(backendObjectRef(value));
                case "percent" -> mirror.setPercent(integer(value));
                case "fraction" -> mirror.setFraction(fraction(value));
                default -> throw decline();
            }
        });
    }

    private static BackendObjectReference backendObjectRef(Object node) {
        BackendObjectReference ref = new BackendObjectReference();
        return object(node, ref, BackendObjectReference::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> ref.setGroup(string(value));
                case "kind" -> ref.setKind(string(value));
                case "name" -> ref.setName(string(value));
                case "namespace" -> ref.setNamespace(string(value));
                case "port" -> ref.setPort(integer(value));
                default -> throw decline();
            }
        });
    }

    private static Fraction fraction(Object node) {
        Fraction fraction = new Fraction();
        return object(node, fraction, Fraction::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "numerator" -> fraction.setNumerator(integer(value));
                case "denominator" -> fraction.setDenominator(integer(value));
                default -> throw decline();
            }
        });
    }

    private static LocalObjectReference localRef(Object node) {
        LocalObjectReference ref = new LocalObjectReference();
        return object(node, ref, LocalObjectReference::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "group" -> ref.setGroup(string(value));
                case "kind" -> ref.setKind(string(value));
                case "name" -> ref.setName(string(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPRouteTimeouts timeouts(Object node) {
        HTTPRouteTimeouts timeouts = new HTTPRouteTimeouts();
        return object(node, timeouts, HTTPRouteTimeouts::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "request" -> timeouts.setRequest(string(value));
                case "backendRequest" -> timeouts.setBackendRequest(string(value));
                default -> throw decline();
            }
        });
    }

    private static HTTPRouteRetry retry(Object node) {
        HTTPRouteRetry retry = new HTTPRouteRetry();
        return object(node, retry, HTTPRouteRetry::setAdditionalProperties, (key, value) -> {
            switch (key) {
                case "attempts" -> retry.setAttempts(integer(value));
                case "backoff" -> retry.setBackoff(string(value));
                case "codes" -> retry.setCodes(list(value, MapReader::integer));
                default -> throw decline();
            }
        });
    }

    private HttpRouteReader() {}
}
