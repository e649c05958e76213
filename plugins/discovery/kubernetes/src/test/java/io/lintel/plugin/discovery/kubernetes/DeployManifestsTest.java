package io.lintel.plugin.discovery.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/kubernetes stays in step with the code: RBAC covers exactly what the source reads and writes. */
class DeployManifestsTest {

    static final Path DEPLOY = Path.of("../../../deploy/kubernetes");
    static final List<HasMetadata> OBJECTS = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        try (Stream<Path> files = Files.list(DEPLOY)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.yaml")).sorted().toList()) {
                for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
                    if (!document.replaceAll("(?m)^#.*$", "").isBlank()) {
                        OBJECTS.add(serialization.unmarshal(document, HasMetadata.class));
                    }
                }
            }
        }
    }

    private static <T> T object(Class<T> type, String name) {
        return OBJECTS.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> ((HasMetadata) o).getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private static boolean allows(ClusterRole role, String group, String resource, String verb) {
        for (PolicyRule rule : role.getRules()) {
            if (rule.getApiGroups().contains(group) && rule.getResources().contains(resource) && rule.getVerbs().contains(verb)
                    && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The plurals of the kinds the plugins the distribution ships read (route-tls, route-tcp, route-udp,
     * policy-backend-tls, listenerset).
     */
    private static final List<String> PLUGIN_KINDS = List.of("tlsroutes", "tcproutes", "udproutes",
            "backendtlspolicies", "listenersets");

    @Test
    void theDataPlaneRoleReadsEveryWatchedKindAndWritesNothing() {
        ClusterRole dataPlane = object(ClusterRole.class, "lintel-dataplane");
        for (WatchedKind kind : WatchedKind.defaults()) {
            for (String verb : List.of("get", "list", "watch")) {
                assertThat(allows(dataPlane, kind.group(), kind.plural(), verb)).as(kind.plural() + " " + verb).isTrue();
            }
        }
        for (String plural : PLUGIN_KINDS) {
            for (String verb : List.of("get", "list", "watch")) {
                assertThat(allows(dataPlane, WatchedKind.GATEWAY_GROUP, plural, verb)).as(plural + " " + verb).isTrue();
            }
        }
        assertThat(dataPlane.getRules()).allSatisfy(rule ->
                assertThat(rule.getVerbs()).containsOnly("get", "list", "watch"));
    }

    @Test
    void theControllerRoleWritesStatusOfEveryGatewayApiKind() {
        ClusterRole controller = object(ClusterRole.class, "lintel-controller");
        WatchedKind.defaults().stream().filter(kind -> kind.group().equals(WatchedKind.GATEWAY_GROUP)).forEach(kind -> {
            assertThat(allows(controller, kind.group(), kind.plural() + "/status", "update")).as(kind.plural()).isTrue();
            assertThat(allows(controller, kind.group(), kind.plural(), "update")).as(kind.plural() + " itself").isFalse();
        });
        for (String plural : PLUGIN_KINDS) {
            assertThat(allows(controller, WatchedKind.GATEWAY_GROUP, plural + "/status", "update")).as(plural).isTrue();
        }
    }

    @Test
    void theDeploymentProbesTheAdminReadyEndpointAndRunsTheKubernetesSource() {
        Deployment deployment = object(Deployment.class, "lintel");
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
        assertThat(container.getArgs()).containsSequence("--source", "kubernetes");
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("lintel");
    }
}
