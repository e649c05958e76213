package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of the {@code kubernetes} config source, parsed and checked from {@code --source-setting KEY=VALUE}s.
 *
 * @param namespace watch namespaced kinds in this namespace only; empty watches every namespace
 * @param kubeconfig the kubeconfig file to read; empty uses the standard discovery (in-cluster service account,
 *     {@code KUBECONFIG}, {@code ~/.kube/config})
 * @param master the API server URL, overriding the one discovered (tests, port-forwards)
 * @param context the kubeconfig context to use; empty uses the current one
 * @param controllerName the GatewayClass {@code controllerName} Lintel answers to (provisioner mode)
 * @param writeStatus whether to write computed status back to the resources
 * @param leaderElection whether only the holder of a Lease writes status and provisions (off: always write)
 * @param leaseName the name of the {@code coordination.k8s.io} Lease
 * @param leaseNamespace the Lease's namespace; empty uses {@code namespace}, else the client's namespace
 * @param identity this replica's name in the Lease; empty uses {@code POD_NAME}, else {@code HOSTNAME}, else a random one
 * @param leaseDuration how long a Lease is held without renewal before others may take it
 * @param renewDeadline how long the leader keeps trying to renew before it gives up leadership
 * @param retryPeriod how often candidates try to acquire and the leader renews
 * @param mode {@code shared}: this Deployment serves every Gateway of the class; {@code provisioner}: a Deployment
 *     and Service per Gateway are created and kept in sync
 * @param serviceType the type of provisioned Services
 * @param image the container image of provisioned Deployments
 * @param dataPlaneServiceAccount the ServiceAccount provisioned Deployments run as
 * @param gateway serve only this Gateway ({@code namespace/name}): what provisioned Deployments run with
 * @param addressesFromService in shared mode, the Service ({@code namespace/name}) whose addresses are the
 *     Gateways' {@code status.addresses}
 * @param extensionKinds further kinds to watch ({@code group/Kind}), e.g. those of ExtensionRef filter plugins
 * @param rediscoveryInterval how often kinds that were not served are looked for again
 */
record KubernetesSourceSettings(
        Optional<String> namespace,
        Optional<Path> kubeconfig,
        Optional<String> master,
        Optional<String> context,
        String controllerName,
        boolean writeStatus,
        boolean leaderElection,
        String leaseName,
        Optional<String> leaseNamespace,
        Optional<String> identity,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod,
        Mode mode,
        String serviceType,
        String image,
        String dataPlaneServiceAccount,
        Optional<NamespacedName> gateway,
        Optional<NamespacedName> addressesFromService,
        List<GroupKind> extensionKinds,
        Duration rediscoveryInterval) {

    static final String NAMESPACE = "namespace";
    static final String KUBECONFIG = "kubeconfig";
    static final String MASTER = "master";
    static final String CONTEXT = "context";
    static final String CONTROLLER_NAME = "controllerName";
    static final String WRITE_STATUS = "writeStatus";
    static final String LEADER_ELECTION = "leaderElection";
    static final String LEASE_NAME = "leaseName";
    static final String LEASE_NAMESPACE = "leaseNamespace";
    static final String IDENTITY = "identity";
    static final String LEASE_DURATION_MILLIS = "leaseDurationMillis";
    static final String RENEW_DEADLINE_MILLIS = "renewDeadlineMillis";
    static final String RETRY_PERIOD_MILLIS = "retryPeriodMillis";
    static final String MODE = "mode";
    static final String SERVICE_TYPE = "serviceType";
    static final String IMAGE = "image";
    static final String DATA_PLANE_SERVICE_ACCOUNT = "dataPlaneServiceAccount";
    static final String GATEWAY = "gateway";
    static final String ADDRESSES_FROM_SERVICE = "addressesFromService";
    static final String EXTENSION_KINDS = "extensionKinds";
    static final String REDISCOVERY_INTERVAL_MILLIS = "rediscoveryIntervalMillis";

    static final String DEFAULT_CONTROLLER_NAME = "lintel.io/gateway-controller";
    static final String DEFAULT_LEASE_NAME = "lintel-leader";
    static final String DEFAULT_IMAGE = "ghcr.io/lintel/lintel:latest";
    static final String DEFAULT_DATA_PLANE_SERVICE_ACCOUNT = "lintel-dataplane";

    private static final Set<String> KNOWN = Set.of(NAMESPACE, KUBECONFIG, MASTER, CONTEXT, CONTROLLER_NAME, WRITE_STATUS,
            LEADER_ELECTION, LEASE_NAME, LEASE_NAMESPACE, IDENTITY, LEASE_DURATION_MILLIS, RENEW_DEADLINE_MILLIS,
            RETRY_PERIOD_MILLIS, MODE, SERVICE_TYPE, IMAGE, DATA_PLANE_SERVICE_ACCOUNT, GATEWAY, ADDRESSES_FROM_SERVICE,
            EXTENSION_KINDS, REDISCOVERY_INTERVAL_MILLIS);
    private static final Set<String> SERVICE_TYPES = Set.of("LoadBalancer", "NodePort", "ClusterIP");

    /** How Gateways get their data plane. */
    enum Mode {
        /** This Deployment serves every Gateway of the class. */
        SHARED,
        /** A Deployment and Service per Gateway, created and kept in sync by the leader. */
        PROVISIONER
    }

    /** A {@code namespace/name} reference. */
    record NamespacedName(String namespace, String name) {

        NamespacedName {
            requireNonNull(namespace, "namespace");
            requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    /**
     * A {@code group/Kind} or {@code group/version/Kind}; an empty version means the server's preferred one.
     */
    record GroupKind(String group, String version, String kind) {

        GroupKind {
            requireNonNull(group, "group");
            requireNonNull(version, "version");
            requireNonNull(kind, "kind");
        }
    }

    KubernetesSourceSettings {
        requireNonNull(namespace, "namespace");
        requireNonNull(kubeconfig, "kubeconfig");
        requireNonNull(master, "master");
        requireNonNull(context, "context");
        requireNonNull(controllerName, "controllerName");
        requireNonNull(leaseName, "leaseName");
        requireNonNull(leaseNamespace, "leaseNamespace");
        requireNonNull(identity, "identity");
        requireNonNull(leaseDuration, "leaseDuration");
        requireNonNull(renewDeadline, "renewDeadline");
        requireNonNull(retryPeriod, "retryPeriod");
        requireNonNull(mode, "mode");
        requireNonNull(serviceType, "serviceType");
        requireNonNull(image, "image");
        requireNonNull(dataPlaneServiceAccount, "dataPlaneServiceAccount");
        requireNonNull(gateway, "gateway");
        requireNonNull(addressesFromService, "addressesFromService");
        extensionKinds = List.copyOf(requireNonNull(extensionKinds, "extensionKinds"));
        requireNonNull(rediscoveryInterval, "rediscoveryInterval");
    }

    /**
     * @throws IllegalArgumentException naming the setting when one is unknown or invalid
     */
    static KubernetesSourceSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KNOWN.contains(key)) {
                throw invalid(key, settings.get(key), "one of the settings " + new java.util.TreeSet<>(KNOWN));
            }
        }
        Duration leaseDuration = millis(settings, LEASE_DURATION_MILLIS, 15_000);
        Duration renewDeadline = millis(settings, RENEW_DEADLINE_MILLIS, 10_000);
        Duration retryPeriod = millis(settings, RETRY_PERIOD_MILLIS, 2_000);
        // fabric8's LeaderElector insists on this order (with a 1.2 jitter factor on the retry period).
        if (leaseDuration.compareTo(renewDeadline) <= 0 || renewDeadline.toMillis() <= retryPeriod.toMillis() * 12 / 10) {
            throw new IllegalArgumentException("kubernetes config source: settings '" + LEASE_DURATION_MILLIS + "' ("
                    + leaseDuration.toMillis() + "), '" + RENEW_DEADLINE_MILLIS + "' (" + renewDeadline.toMillis() + ") and '"
                    + RETRY_PERIOD_MILLIS + "' (" + retryPeriod.toMillis()
                    + ") (expected: lease duration > renew deadline > 1.2 x retry period)");
        }
        String serviceType = text(settings, SERVICE_TYPE).orElse("LoadBalancer");
        if (!SERVICE_TYPES.contains(serviceType)) {
            throw invalid(SERVICE_TYPE, serviceType, "one of " + SERVICE_TYPES);
        }
        return new KubernetesSourceSettings(
                text(settings, NAMESPACE),
                text(settings, KUBECONFIG).map(Path::of),
                text(settings, MASTER),
                text(settings, CONTEXT),
                text(settings, CONTROLLER_NAME).orElse(DEFAULT_CONTROLLER_NAME),
                bool(settings, WRITE_STATUS, true),
                bool(settings, LEADER_ELECTION, true),
                text(settings, LEASE_NAME).orElse(DEFAULT_LEASE_NAME),
                text(settings, LEASE_NAMESPACE),
                text(settings, IDENTITY),
                leaseDuration,
                renewDeadline,
                retryPeriod,
                mode(settings),
                serviceType,
                text(settings, IMAGE).orElse(DEFAULT_IMAGE),
                text(settings, DATA_PLANE_SERVICE_ACCOUNT).orElse(DEFAULT_DATA_PLANE_SERVICE_ACCOUNT),
                namespacedName(settings, GATEWAY),
                namespacedName(settings, ADDRESSES_FROM_SERVICE),
                groupKinds(settings),
                millis(settings, REDISCOVERY_INTERVAL_MILLIS, 30_000));
    }

    private static Optional<String> text(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static boolean bool(Map<String, String> settings, String key, boolean defaultValue) {
        Optional<String> value = text(settings, key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, value.get(), "true or false");
        };
    }

    private static Duration millis(Map<String, String> settings, String key, long defaultMillis) {
        Optional<String> value = text(settings, key);
        if (value.isEmpty()) {
            return Duration.ofMillis(defaultMillis);
        }
        try {
            long millis = Long.parseLong(value.get());
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, value.get(), "a positive number of milliseconds");
    }

    private static Mode mode(Map<String, String> settings) {
        Optional<String> value = text(settings, MODE);
        if (value.isEmpty()) {
            return Mode.SHARED;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "shared" -> Mode.SHARED;
            case "provisioner" -> Mode.PROVISIONER;
            default -> throw invalid(MODE, value.get(), "shared or provisioner");
        };
    }

    private static Optional<NamespacedName> namespacedName(Map<String, String> settings, String key) {
        Optional<String> value = text(settings, key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = value.get().split("/", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw invalid(key, value.get(), "namespace/name");
        }
        return Optional.of(new NamespacedName(parts[0], parts[1]));
    }

    private static List<GroupKind> groupKinds(Map<String, String> settings) {
        Optional<String> value = text(settings, EXTENSION_KINDS);
        List<GroupKind> kinds = new ArrayList<>();
        if (value.isEmpty()) {
            return kinds;
        }
        for (String item : value.get().split(",")) {
            String[] parts = item.strip().split("/", -1);
            if (parts.length < 2 || parts.length > 3 || List.of(parts).stream().anyMatch(String::isBlank)) {
                throw invalid(EXTENSION_KINDS, value.get(),
                        "a comma-separated list of group/Kind or group/version/Kind, e.g. example.com/RateLimit");
            }
            kinds.add(parts.length == 2 ? new GroupKind(parts[0], "", parts[1]) : new GroupKind(parts[0], parts[1], parts[2]));
        }
        return kinds;
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException(
                "kubernetes config source: setting '" + key + "': " + value + " (expected: " + expected + ")");
    }
}
