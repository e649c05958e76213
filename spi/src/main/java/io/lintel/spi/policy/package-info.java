/**
 * Policy attachment (GEP-713): kinds of objects a plugin serves that attach to other objects by
 * {@code spec.targetRefs} instead of being referenced by them.
 *
 * <p>A plugin declares its kinds with {@link io.lintel.spi.LintelPlugin#policyKinds()}. Core reads their objects from
 * every config source, checks their {@code targetRefs}, resolves the targets (in the policy's namespace), settles
 * conflicts (the older policy wins) and writes the Gateway API policy status ({@code status.ancestors}). What a policy
 * does depends on what it targets:
 * <ul>
 *   <li><b>route policies</b> (targets {@code HTTPRoute} or {@code GRPCRoute}, all rules or one rule by
 *       {@code sectionName}, the rule's name) are filters: the plugin's {@link io.lintel.spi.filter.HttpFilterFactory}
 *       keyed {@link io.lintel.spi.filter.FilterKey#extensionRef(String, String) extensionRef(group, kind)} validates
 *       the whole policy object and creates a filter for each targeted rule, run before the rule's own filters;</li>
 *   <li><b>service policies</b> (targets core {@code Service}s, or one port by {@code sectionName}) are served by a
 *       {@link io.lintel.spi.policy.ServicePolicyFactory}, which core tells the targets and their endpoints after
 *       every configuration change.</li>
 * </ul>
 *
 * <p>Backend TLS policies (BackendTLSPolicy) are a kind apart: a plugin returns them from
 * {@link io.lintel.spi.LintelPlugin#backendTlsPolicyKinds}, and core applies what a
 * {@link io.lintel.spi.policy.BackendTlsPolicyKind} describes to the connections to the targeted Services' backends.
 */
package io.lintel.spi.policy;
