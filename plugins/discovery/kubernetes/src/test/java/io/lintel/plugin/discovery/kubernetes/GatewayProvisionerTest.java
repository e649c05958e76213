package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.lintel.spi.config.ResourceKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GatewayProvisionerTest {

    static final String MANIFESTS = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: lintel}
            spec: {controllerName: lintel.io/gateway-controller}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: someone-else}
            spec: {controllerName: example.com/other}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: gw, namespace: apps}
            spec:
              gatewayClassName: lintel
              infrastructure:
                labels: {team: payments}
                annotations: {example.com/cost-center: "42"}
              listeners:
              - {name: http, port: 80, protocol: HTTP}
              - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: cert}]}}
              - {name: dns, port: 443, protocol: UDP}
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: other, namespace: apps}
            spec:
              gatewayClassName: someone-else
              listeners: [{name: http, port: 80, protocol: HTTP}]
            """;

    private MockApiServer mock;
    private KubernetesConfigSource source;

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    private Deployment deployment(String name) {
        return mock.client().apps().deployments().inNamespace("apps").withName(name).get();
    }

    private Service service(String name) {
        return mock.client().services().inNamespace("apps").withName(name).get();
    }

    @Test
    void provisionsALabelledDeploymentAndServicePerGatewayAndRemovesThemWithIt() throws Exception {
        mock = MockApiServer.start();
        mock.apply(MANIFESTS);
        source = new KubernetesConfigSource(KubernetesSourceSettings.parse(mock.settings(
                KubernetesSourceSettings.MODE, "provisioner",
                KubernetesSourceSettings.LEADER_ELECTION, "false",
                KubernetesSourceSettings.IMAGE, "registry.example/lintel:1.0")), KubernetesClients::create);
        source.start(new RecordingSink());

        await().atMost(Duration.ofSeconds(10)).until(() -> deployment("lintel-gw") != null && service("lintel-gw") != null);
        Deployment deployment = deployment("lintel-gw");
        assertThat(deployment.getMetadata().getLabels()).containsEntry("gateway.networking.k8s.io/gateway-name", "gw")
                .containsEntry("team", "payments").containsEntry("app.kubernetes.io/managed-by", "lintel");
        assertThat(deployment.getMetadata().getAnnotations()).containsEntry("example.com/cost-center", "42");
        assertThat(deployment.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Gateway"));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("team", "payments");
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example/lintel:1.0");
        assertThat(container.getArgs()).contains("gateway=apps/gw", "writeStatus=false");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");

        Service service = service("lintel-gw");
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        // a UDP listener's port is a port of its own, even on the number of a TCP one
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getName() + " " + p.getPort() + "/" + p.getProtocol())
                .containsExactly("port-80 80/TCP", "port-443 443/TCP", "udp-443 443/UDP");
        assertThat(container.getPorts()).extracting(p -> p.getContainerPort() + "/" + p.getProtocol())
                .contains("443/TCP", "443/UDP");
        assertThat(service.getSpec().getSelector()).containsEntry("gateway.networking.k8s.io/gateway-name", "gw");
        assertThat(service.getMetadata().getLabels()).containsEntry("gateway.networking.k8s.io/gateway-name", "gw")
                .containsEntry("team", "payments");
        assertThat(service.getMetadata().getAnnotations()).containsEntry("example.com/cost-center", "42");
        assertThat(deployment("lintel-other")).isNull();

        // The load balancer gets an address: it becomes the Gateway's status.addresses.
        service.setStatus(new io.fabric8.kubernetes.api.model.ServiceStatusBuilder().withNewLoadBalancer()
                .addNewIngress().withIp("203.0.113.7").endIngress().endLoadBalancer().build());
        mock.client().services().inNamespace("apps").resource(service).updateStatus();
        ResourceKey gateway = new ResourceKey(WatchedKind.GATEWAY_GROUP, "Gateway", "apps", "gw");
        source.statusWriter().orElseThrow().write(gateway, Map.of(
                "addresses", List.of(Map.of("type", "IPAddress", "value", "0.0.0.0")),
                "conditions", List.of(Map.of("type", "Programmed", "status", "True", "reason", "Programmed",
                        "observedGeneration", 1L, "lastTransitionTime", "2026-01-01T00:00:00Z", "message", ""))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(((Map<?, ?>) mock.client()
                .genericKubernetesResources("gateway.networking.k8s.io/v1", "Gateway").inNamespace("apps").withName("gw").get()
                .getAdditionalProperties().get("status")).get("addresses"))
                .isEqualTo(List.of(Map.of("type", "IPAddress", "value", "203.0.113.7"))));

        mock.client().genericKubernetesResources("gateway.networking.k8s.io/v1", "Gateway").inNamespace("apps")
                .withName("gw").delete();

        await().atMost(Duration.ofSeconds(10)).until(() -> deployment("lintel-gw") == null && service("lintel-gw") == null);
    }

    @Test
    void namesFitKubernetesLimits() {
        assertThat(GatewayProvisioner.objectName("gw")).isEqualTo("lintel-gw");
        assertThat(GatewayProvisioner.objectName("a".repeat(80))).hasSize(63);
        assertThat(GatewayProvisioner.objectName("a".repeat(55) + "-b-cdef")).doesNotEndWith("-");
    }
}
