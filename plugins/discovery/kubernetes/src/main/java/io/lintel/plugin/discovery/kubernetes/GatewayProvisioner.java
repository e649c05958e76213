package io.lintel.plugin.discovery.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lintel.spi.config.KubernetesDocument;
import io.lintel.spi.config.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioner mode: for each Gateway of our GatewayClasses, creates and keeps in sync, in the Gateway's namespace, a
 * Deployment running Lintel for that Gateway alone and a Service in front of it, and removes both when the Gateway
 * goes (also through the owner reference on a real cluster, where garbage collection deletes them even while Lintel
 * is down). Both carry the label {@value #GATEWAY_NAME_LABEL} and the Gateway's {@code spec.infrastructure} labels
 * and annotations.
 *
 * <p>Only the leader reconciles. Reconciling is idempotent: an object is written only when its desired content
 * (fingerprinted in the annotation {@value #SPEC_HASH}) changed, so the leader and a periodic pass never fight.
 * The Gateway's {@code status.addresses} come from its Service ({@link #addressesOf}).
 */
final class GatewayProvisioner implements AutoCloseable {

    static final String GATEWAY_NAME_LABEL = "gateway.networking.k8s.io/gateway-name";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "lintel";
    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String SPEC_HASH = "lintel.io/provisioned-spec-hash";
    static final int ADMIN_PORT = 9901;

    private static final Logger log = LoggerFactory.getLogger(GatewayProvisioner.class);

    private final KubernetesClient client;
    private final KubernetesSourceSettings settings;
    private final BooleanSupplier mayWrite;
    private final Consumer<ResourceKey> addressesChanged;
    private final Map<String, String> controllerByClass = new ConcurrentHashMap<>();
    private final Map<ResourceKey, Map<String, Object>> gateways = new ConcurrentHashMap<>();
    private final Map<ResourceKey, List<Map<String, Object>>> addresses = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            LeaderElection.daemon("lintel-provisioner"));

    GatewayProvisioner(KubernetesClient client, KubernetesSourceSettings settings, BooleanSupplier mayWrite,
            Consumer<ResourceKey> addressesChanged) {
        this.client = requireNonNull(client, "client");
        this.settings = requireNonNull(settings, "settings");
        this.mayWrite = requireNonNull(mayWrite, "mayWrite");
        this.addressesChanged = requireNonNull(addressesChanged, "addressesChanged");
    }

    /** Starts the periodic pass (which also catches objects edited or deleted behind Lintel's back). */
    void start() {
        long interval = settings.rediscoveryInterval().toMillis();
        thread.scheduleWithFixedDelay(this::reconcileQuietly, interval, interval, TimeUnit.MILLISECONDS);
        reconcileSoon();
    }

    /** Takes a GatewayClass or Gateway document as the source pushed it. */
    void observe(KubernetesDocument document) {
        ResourceKey key = document.key();
        if (!WatchedKind.GATEWAY_GROUP.equals(key.group())) {
            return;
        }
        if ("GatewayClass".equals(key.kind())) {
            Object controller = map(document.content().get("spec")).get("controllerName");
            controllerByClass.put(key.name(), controller instanceof String text ? text : "");
            reconcileSoon();
        } else if ("Gateway".equals(key.kind())) {
            gateways.put(key, document.content());
            reconcileSoon();
        }
    }

    void forget(ResourceKey key) {
        if (!WatchedKind.GATEWAY_GROUP.equals(key.group())) {
            return;
        }
        if ("GatewayClass".equals(key.kind())) {
            controllerByClass.remove(key.name());
            reconcileSoon();
        } else if ("Gateway".equals(key.kind())) {
            gateways.remove(key);
            addresses.remove(key);
            reconcileSoon();
        }
    }

    /** A Service changed: when it is one of ours (say, its load balancer got an address), reconcile. */
    void serviceChanged(GenericKubernetesResource service) {
        Map<String, String> labels = service.getMetadata().getLabels();
        if (labels != null && MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL))) {
            reconcileSoon();
        }
    }

    void reconcileSoon() {
        if (scheduled.compareAndSet(false, true)) {
            thread.schedule(() -> {
                scheduled.set(false);
                reconcileQuietly();
            }, 100, TimeUnit.MILLISECONDS);
        }
    }

    /** The Gateway's addresses from its provisioned Service (empty until the Service has one). */
    Optional<List<Map<String, Object>>> addressesOf(ResourceKey gateway) {
        return Optional.of(addresses.getOrDefault(gateway, List.of()));
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Provisioning failed; trying again on the next change or in {} ms: {}",
                    settings.rediscoveryInterval().toMillis(), e.toString());
        }
    }

    /** Makes the provisioned objects match the Gateways of our classes; runs on the provisioner thread only. */
    void reconcile() {
        if (!mayWrite.getAsBoolean()) {
            return;
        }
        Set<String> wanted = new TreeSet<>();
        for (Map.Entry<ResourceKey, Map<String, Object>> entry : gateways.entrySet()) {
            ResourceKey key = entry.getKey();
            if (!ours(entry.getValue())) {
                continue;
            }
            wanted.add(key.namespace() + "/" + key.name());
            try {
                provision(key, entry.getValue());
            } catch (KubernetesClientException e) {
                log.warn("Could not provision the data plane of Gateway {}/{}: {}", key.namespace(), key.name(), e.getMessage());
            }
        }
        removeOrphans(wanted);
    }

    private boolean ours(Map<String, Object> gateway) {
        Object className = map(gateway.get("spec")).get("gatewayClassName");
        return className instanceof String name && settings.controllerName().equals(controllerByClass.get(name));
    }

    private void provision(ResourceKey key, Map<String, Object> gateway) {
        String name = objectName(key.name());
        ensureServiceAccount(key.namespace());
        Deployment deployment = deployment(key, gateway, name);
        Deployment existingDeployment = client.apps().deployments().inNamespace(key.namespace()).withName(name).get();
        if (existingDeployment == null) {
            client.apps().deployments().inNamespace(key.namespace()).resource(deployment).create();
            log.info("Created Deployment {}/{} for Gateway {}", key.namespace(), name, key.name());
        } else if (!hashOf(deployment).equals(hashOf(existingDeployment))) {
            deployment.getMetadata().setResourceVersion(existingDeployment.getMetadata().getResourceVersion());
            client.apps().deployments().inNamespace(key.namespace()).resource(deployment).update();
            log.info("Updated Deployment {}/{} for Gateway {}", key.namespace(), name, key.name());
        }
        Service service = service(key, gateway, name);
        Service existingService = client.services().inNamespace(key.namespace()).withName(name).get();
        Service current;
        if (existingService == null) {
            current = client.services().inNamespace(key.namespace()).resource(service).create();
            log.info("Created Service {}/{} ({}) for Gateway {}", key.namespace(), name, settings.serviceType(), key.name());
        } else if (!hashOf(service).equals(hashOf(existingService))) {
            keepAllocated(existingService, service);
            service.getMetadata().setResourceVersion(existingService.getMetadata().getResourceVersion());
            current = client.services().inNamespace(key.namespace()).resource(service).update();
            log.info("Updated Service {}/{} for Gateway {}", key.namespace(), name, key.name());
        } else {
            current = existingService;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> serviceMap = client.getKubernetesSerialization().convertValue(current, LinkedHashMap.class);
        List<Map<String, Object>> next = ServiceAddresses.of(serviceMap);
        if (!next.equals(addresses.put(key, next))) {
            addressesChanged.accept(key);
        }
    }

    /** What the API server allocated stays: a replaced Service must not ask for a new cluster IP or node ports. */
    private static void keepAllocated(Service existing, Service desired) {
        desired.getSpec().setClusterIP(existing.getSpec().getClusterIP());
        desired.getSpec().setClusterIPs(existing.getSpec().getClusterIPs());
        desired.getSpec().setHealthCheckNodePort(existing.getSpec().getHealthCheckNodePort());
        if (existing.getSpec().getPorts() != null) {
            for (ServicePort port : desired.getSpec().getPorts()) {
                existing.getSpec().getPorts().stream()
                        .filter(old -> old.getPort() != null && old.getPort().equals(port.getPort()) && old.getNodePort() != null)
                        .findFirst().ifPresent(old -> port.setNodePort(old.getNodePort()));
            }
        }
    }

    /** Provisioned data planes read configuration: they run as a ServiceAccount bound to the read-only ClusterRole. */
    private void ensureServiceAccount(String namespace) {
        String account = settings.dataPlaneServiceAccount();
        try {
            if (client.serviceAccounts().inNamespace(namespace).withName(account).get() == null) {
                client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                        .withNewMetadata().withName(account).withNamespace(namespace)
                        .addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata().build()).create();
            }
            String binding = objectName(account + "-" + namespace);
            if (client.rbac().clusterRoleBindings().withName(binding).get() == null) {
                client.rbac().clusterRoleBindings().resource(new ClusterRoleBindingBuilder()
                        .withNewMetadata().withName(binding).addToLabels(MANAGED_BY_LABEL, MANAGED_BY).endMetadata()
                        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(account).endRoleRef()
                        .addNewSubject().withKind("ServiceAccount").withName(account).withNamespace(namespace).endSubject()
                        .build()).create();
            }
        } catch (KubernetesClientException e) {
            log.warn("Could not set up ServiceAccount {}/{} for provisioned data planes: {}", namespace, account, e.getMessage());
        }
    }

    private void removeOrphans(Set<String> wanted) {
        for (Deployment deployment : managed(client.apps().deployments())) {
            if (!wanted.contains(owner(deployment))) {
                client.apps().deployments().inNamespace(deployment.getMetadata().getNamespace())
                        .withName(deployment.getMetadata().getName()).delete();
                log.info("Deleted Deployment {}/{}: its Gateway is gone or no longer ours", deployment.getMetadata().getNamespace(),
                        deployment.getMetadata().getName());
            }
        }
        for (Service service : managed(client.services())) {
            if (!wanted.contains(owner(service))) {
                ResourceKey gateway = new ResourceKey(WatchedKind.GATEWAY_GROUP, "Gateway", service.getMetadata().getNamespace(),
                        service.getMetadata().getLabels().get(GATEWAY_NAME_LABEL));
                client.services().inNamespace(service.getMetadata().getNamespace()).withName(service.getMetadata().getName()).delete();
                addresses.remove(gateway);
                log.info("Deleted Service {}/{}: its Gateway is gone or no longer ours", service.getMetadata().getNamespace(),
                        service.getMetadata().getName());
            }
        }
    }

    private <T extends HasMetadata> List<T> managed(
            io.fabric8.kubernetes.client.dsl.MixedOperation<T, ? extends io.fabric8.kubernetes.api.model.KubernetesResourceList<T>, ?> operation) {
        var listed = settings.namespace().isPresent()
                ? operation.inNamespace(settings.namespace().get()).withLabel(MANAGED_BY_LABEL, MANAGED_BY).withLabel(NAME_LABEL, "lintel").list()
                : operation.inAnyNamespace().withLabel(MANAGED_BY_LABEL, MANAGED_BY).withLabel(NAME_LABEL, "lintel").list();
        List<T> items = new ArrayList<>();
        for (T item : listed.getItems()) {
            if (item.getMetadata().getLabels() != null && item.getMetadata().getLabels().containsKey(GATEWAY_NAME_LABEL)) {
                items.add(item);
            }
        }
        return items;
    }

    private static String owner(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getLabels().get(GATEWAY_NAME_LABEL);
    }

    Deployment deployment(ResourceKey key, Map<String, Object> gateway, String name) {
        Map<String, String> selector = selector(key);
        Map<String, String> labels = labels(key, gateway);
        Map<String, String> annotations = infrastructure(gateway, "annotations");
        List<String> args = List.of("run", "--source", "kubernetes",
                "--source-setting", "gateway=" + key.namespace() + "/" + key.name(),
                "--source-setting", "writeStatus=false",
                "--source-setting", "controllerName=" + settings.controllerName(),
                "--controller-name", settings.controllerName(),
                "--admin", "0.0.0.0:" + ADMIN_PORT);
        List<ContainerPort> ports = new ArrayList<>();
        for (ListenerPort port : listenerPorts(gateway)) {
            ports.add(new ContainerPortBuilder().withName(port.name()).withContainerPort(port.port())
                    .withProtocol(port.protocol()).build());
        }
        ports.add(new ContainerPortBuilder().withName("admin").withContainerPort(ADMIN_PORT).withProtocol("TCP").build());
        Deployment deployment = new DeploymentBuilder()
                .withMetadata(metadata(key, gateway, name, labels, annotations))
                .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                        .withNewSpec()
                            .withServiceAccountName(settings.dataPlaneServiceAccount())
                            // Listener ports below 1024 without running as root or holding a capability.
                            .withNewSecurityContext().withRunAsNonRoot(true).addNewSysctl()
                                .withName("net.ipv4.ip_unprivileged_port_start").withValue("0").endSysctl().endSecurityContext()
                            .addNewContainer()
                                .withName("lintel")
                                .withImage(settings.image())
                                .withArgs(args)
                                .withPorts(ports)
                                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef()
                                    .withFieldPath("metadata.name").endFieldRef().endValueFrom().endEnv()
                                .withNewReadinessProbe().withNewHttpGet().withPath("/ready")
                                    .withPort(new IntOrString(ADMIN_PORT)).endHttpGet().withPeriodSeconds(5).endReadinessProbe()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
        deployment.getMetadata().getAnnotations().put(SPEC_HASH, fingerprint(deployment));
        return deployment;
    }

    Service service(ResourceKey key, Map<String, Object> gateway, String name) {
        List<ServicePort> ports = new ArrayList<>();
        for (ListenerPort port : listenerPorts(gateway)) {
            ports.add(new ServicePortBuilder().withName(port.name()).withPort(port.port())
                    .withTargetPort(new IntOrString(port.port())).withProtocol(port.protocol()).build());
        }
        Service service = new ServiceBuilder()
                .withMetadata(metadata(key, gateway, name, labels(key, gateway), infrastructure(gateway, "annotations")))
                .withNewSpec().withType(settings.serviceType()).withSelector(selector(key)).withPorts(ports).endSpec()
                .build();
        service.getMetadata().getAnnotations().put(SPEC_HASH, fingerprint(service));
        return service;
    }

    private ObjectMeta metadata(ResourceKey key, Map<String, Object> gateway, String name, Map<String, String> labels,
            Map<String, String> annotations) {
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(key.namespace());
        metadata.setLabels(new LinkedHashMap<>(labels));
        metadata.setAnnotations(new LinkedHashMap<>(annotations));
        Map<String, Object> gatewayMetadata = map(gateway.get("metadata"));
        if (gatewayMetadata.get("uid") instanceof String uid && !uid.isEmpty()) {
            OwnerReference owner = new OwnerReferenceBuilder()
                    .withApiVersion(String.valueOf(gateway.get("apiVersion")))
                    .withKind("Gateway").withName(key.name()).withUid(uid).withController(true).build();
            metadata.setOwnerReferences(List.of(owner));
        }
        return metadata;
    }

    private static Map<String, String> selector(ResourceKey key) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(NAME_LABEL, "lintel");
        selector.put(GATEWAY_NAME_LABEL, key.name());
        return selector;
    }

    private static Map<String, String> labels(ResourceKey key, Map<String, Object> gateway) {
        // Infrastructure labels first, so that they can never override the labels the selector depends on.
        Map<String, String> labels = new LinkedHashMap<>(infrastructure(gateway, "labels"));
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.putAll(selector(key));
        return labels;
    }

    private static Map<String, String> infrastructure(Map<String, Object> gateway, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        map(map(map(gateway.get("spec")).get("infrastructure")).get(field))
                .forEach((k, v) -> values.put(k, v == null ? "" : String.valueOf(v)));
        return values;
    }

    /**
     * A port the Gateway's listeners use, over TCP or (a UDP listener's) UDP: a UDP listener and a TCP one may share
     * a port number, and then the Service and the container carry both.
     */
    private record ListenerPort(int port, boolean udp) implements Comparable<ListenerPort> {

        /** {@code port-N} over TCP (the name it always had), {@code udp-N} over UDP. */
        String name() {
            return (udp ? "udp-" : "port-") + port;
        }

        String protocol() {
            return udp ? "UDP" : "TCP";
        }

        @Override
        public int compareTo(ListenerPort o) {
            int c = Integer.compare(port, o.port);
            return c != 0 ? c : Boolean.compare(udp, o.udp);
        }
    }

    private static Set<ListenerPort> listenerPorts(Map<String, Object> gateway) {
        Set<ListenerPort> ports = new TreeSet<>();
        if (map(gateway.get("spec")).get("listeners") instanceof List<?> listeners) {
            for (Object listener : listeners) {
                if (map(listener).get("port") instanceof Number port) {
                    ports.add(new ListenerPort(port.intValue(), "UDP".equals(map(listener).get("protocol"))));
                }
            }
        }
        return ports;
    }

    /** {@code lintel-<name>}, cut to the 63 characters a label value and a Service name may have. */
    static String objectName(String gatewayName) {
        String name = "lintel-" + gatewayName;
        if (name.length() > 63) {
            name = name.substring(0, 63);
        }
        while (name.endsWith("-") || name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    private String fingerprint(HasMetadata object) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(client.getKubernetesSerialization().asJson(object).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String hashOf(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(SPEC_HASH, "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
