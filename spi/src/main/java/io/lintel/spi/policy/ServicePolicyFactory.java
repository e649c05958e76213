package io.lintel.spi.policy;

import java.util.List;

/**
 * Serves a policy kind that targets Services (a {@link PolicyKind} with {@link PolicyTargetKind#SERVICE}), e.g.
 * active health checks.
 *
 * <p>{@link #translate} is pure and runs on every configuration change; {@link #apply} hands the plugin what the
 * policies now apply to. Both run on core's control thread, never on an event loop, and must not block: work that
 * takes time runs on the plugin's own schedule, and network I/O through {@link EndpointAccess#call}.
 */
public interface ServicePolicyFactory {

    /** The policy's API group, as in its {@link PolicyKind}. */
    String group();

    /** The policy's kind, as in its {@link PolicyKind}. */
    String kind();

    /**
     * Validates a policy object.
     *
     * @throws PolicyConfigException naming the field when it is unusable (the policy is {@code Accepted=False})
     */
    PolicySpec translate(PolicyConfig config) throws PolicyConfigException;

    /**
     * Called after each configuration change that altered them with every Service port this factory's accepted
     * policies apply to now (each port once: of two policies on one port, only the older wins), and with an empty
     * list when Lintel stops. The plugin starts what a new target needs and stops what a target that went needs no
     * more; endpoints it reported through {@code access} but no longer checks should be
     * {@linkplain EndpointAccess#forget forgotten}.
     */
    void apply(List<ServicePolicyTarget> targets, EndpointAccess access);
}
