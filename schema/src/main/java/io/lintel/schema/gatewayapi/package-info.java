/**
 * Gateway API field definitions that several kinds share (Gateway API v1.6 experimental CRDs), written in the schema
 * DSL of {@link io.lintel.schema}: the CRDs' patterns, the common field schemas, parentRefs and backendRefs with their
 * CEL rules, and the spec fields every route kind has. Core's validator and the plugins that read Gateway API kinds
 * both build on them, so that a field is refused with the same message and path whoever validates its kind.
 *
 * <p>Objects here are open (unknown fields are not reported): core's decoder reports unknown fields of its own kinds,
 * and a plugin closes the objects it uses with {@link io.lintel.schema.ObjectSchema#closed()}.
 */
package io.lintel.schema.gatewayapi;
