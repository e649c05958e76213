/**
 * The Gateway API fields the route kinds of the HTTP family share (HTTPRoute, validated by core, and GRPCRoute, by its
 * plugin): header matches, filters and their configurations, rule settings (timeouts, retry, session persistence),
 * rules and specs, with the CEL rules of those fields. User-supplied regular expressions are checked as RE2
 * expressions ({@link io.lintel.schema.httproute.UserRegex}), the syntax the data plane matches them with.
 */
package io.lintel.schema.httproute;
