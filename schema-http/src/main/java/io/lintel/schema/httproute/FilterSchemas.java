package io.lintel.schema.httproute;

import static io.lintel.schema.IntegerEnum.integerOneOf;
import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.ListSchema.listOf;
import static io.lintel.schema.ObjectSchema.object;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.ListSchema;
import io.lintel.schema.ObjectSchema;
import io.lintel.schema.Schema;
import io.lintel.schema.gatewayapi.BackendRefs;
import io.lintel.schema.gatewayapi.Fields;
import io.lintel.schema.gatewayapi.Patterns;
import java.util.Map;
import java.util.function.Function;

/**
 * The configuration of each HTTPRoute (and GRPCRoute) filter type, as the v1.6 experimental CRDs define it; their
 * CEL rules are in {@link FilterRules}. {@link #BY_TYPE} pairs with {@link FilterFields#BY_TYPE}.
 */
public final class FilterSchemas {

    public static final Schema HEADER_NAME = string().length(1, 256).pattern(Patterns.HEADER_NAME);

    /** BackendObjectReference, with its CEL rule "Must have port for Service reference". */
    public static final ObjectSchema BACKEND_OBJECT_REF = BackendRefs.OBJECT_REF.rule(BackendRefs::servicePortRequired);

    private static final Function<Object, Object> NAME = item -> ((Map<?, ?>) item).get("name");

    public static final Schema HTTP_HEADERS = listOf(object()
            .required("name", HEADER_NAME)
            .required("value", HeaderValues.VALUE)).size(0, 16).uniqueBy("header name", NAME);

    /** A list with {@code listType: set}: at most {@code max} distinct items. */
    public static ListSchema setOf(Schema item, int max) {
        return listOf(item).size(0, max).uniqueBy("value", Function.identity());
    }

    public static final Schema HEADER_FILTER = object()
            .optional("set", HTTP_HEADERS)
            .optional("add", HTTP_HEADERS)
            .optional("remove", setOf(string(), 16));

    public static final Schema MIRROR = object()
            .required("backendRef", BACKEND_OBJECT_REF)
            .optional("percent", range(0, 100))
            .optional("fraction", object()
                    .required("numerator", range(0, Integer.MAX_VALUE))
                    .optional("denominator", range(1, Integer.MAX_VALUE))
                    .rule(FilterRules::numeratorAtMostDenominator))
            .rule(FilterRules::percentOrFraction);

    public static final Schema PATH_MODIFIER = object()
            .required("type", string().oneOf("ReplaceFullPath", "ReplacePrefixMatch"))
            .optional("replaceFullPath", string().length(0, 1024))
            .optional("replacePrefixMatch", string().length(0, 1024))
            .rule(FilterRules::pathModifierMatchesType);

    public static final Schema REDIRECT = object()
            .optional("scheme", string().oneOf("http", "https"))
            .optional("hostname", Fields.PRECISE_HOSTNAME)
            .optional("path", PATH_MODIFIER)
            .optional("port", Fields.PORT)
            .optional("statusCode", integerOneOf(301, 302, 303, 307, 308));

    public static final Schema URL_REWRITE = object()
            .optional("hostname", Fields.PRECISE_HOSTNAME)
            .optional("path", PATH_MODIFIER);

    public static final Schema CORS = object()
            .optional("allowOrigins", setOf(string().length(1, 253).pattern(Patterns.CORS_ORIGIN), 64)
                    .rule(FilterRules.wildcardAlone("AllowOrigins cannot contain '*' alongside other origins")))
            .optional("allowCredentials", Schema.BOOLEAN)
            .optional("allowMethods", setOf(string().oneOf("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT",
                    "OPTIONS", "TRACE", "PATCH", "*"), 9)
                    .rule(FilterRules.wildcardAlone("AllowMethods cannot contain '*' alongside other methods")))
            .optional("allowHeaders", setOf(HEADER_NAME, 64)
                    .rule(FilterRules.wildcardAlone("AllowHeaders cannot contain '*' alongside other methods")))
            .optional("exposeHeaders", setOf(HEADER_NAME, 64))
            .optional("maxAge", range(1, Integer.MAX_VALUE));

    public static final Schema EXTERNAL_AUTH = object()
            .required("protocol", string().oneOf("HTTP", "GRPC"))
            .required("backendRef", BACKEND_OBJECT_REF)
            // grpc.allowedHeaders, http.allowedHeaders and http.allowedResponseHeaders: sets of at most 64
            .optional("grpc", object()
                    .optional("allowedHeaders", setOf(string(), 64)))
            .optional("http", object()
                    .optional("path", string().length(0, 1024).pattern(Patterns.PATH_CHARS))
                    .optional("allowedHeaders", setOf(string(), 64))
                    .optional("allowedResponseHeaders", setOf(string(), 64)))
            // forwardBody.maxSize: an integer without bounds in the CRD (the external-auth plugin reports sizes it
            // cannot buffer on the route's status, as an implementation's own limit)
            .optional("forwardBody", object()
                    .optional("maxSize", range(Long.MIN_VALUE, Long.MAX_VALUE)))
            .rule(FilterRules::externalAuthProtocolConfig);

    public static final Schema EXTENSION_REF = object()
            .required("group", Fields.GROUP)
            .required("kind", Fields.KIND)
            .required("name", Fields.OBJECT_NAME);

    /** The configuration schema of each filter type. */
    public static final Map<String, Schema> BY_TYPE = Map.of(
            "RequestHeaderModifier", HEADER_FILTER,
            "ResponseHeaderModifier", HEADER_FILTER,
            "RequestMirror", MIRROR,
            "RequestRedirect", REDIRECT,
            "URLRewrite", URL_REWRITE,
            "ExtensionRef", EXTENSION_REF,
            "CORS", CORS,
            "ExternalAuth", EXTERNAL_AUTH);

    private FilterSchemas() {}
}
