package io.lintel.plugin.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock API server in CRUD mode, on loopback over plain HTTP, with the Gateway API kinds registered as CRDs
 * with a status subresource (so status behaves as on a real server), in the versions Gateway API v1.2 serves. Scripted
 * expectations ({@link #server()}{@code .expect()}) take precedence over CRUD.
 */
final class MockApiServer implements AutoCloseable {

    /** The Gateway API kinds and the version each is registered in: what a v1.2 standard+experimental install serves. */
    static final List<String[]> GATEWAY_API_V12 = List.of(
            new String[] {"GatewayClass", "gatewayclasses", "v1", "Cluster"},
            new String[] {"Gateway", "gateways", "v1", "Namespaced"},
            new String[] {"HTTPRoute", "httproutes", "v1", "Namespaced"},
            new String[] {"GRPCRoute", "grpcroutes", "v1", "Namespaced"},
            new String[] {"ReferenceGrant", "referencegrants", "v1beta1", "Namespaced"},
            new String[] {"TLSRoute", "tlsroutes", "v1alpha2", "Namespaced"},
            new String[] {"TCPRoute", "tcproutes", "v1alpha2", "Namespaced"},
            new String[] {"UDPRoute", "udproutes", "v1alpha2", "Namespaced"},
            new String[] {"BackendTLSPolicy", "backendtlspolicies", "v1alpha3", "Namespaced"});

    /** Kinds later releases added, in the version they serve: ListenerSet (standard since v1.5). */
    static final List<String[]> GATEWAY_API_LATER = List.<String[]>of(
            new String[] {"ListenerSet", "listenersets", "v1", "Namespaced"});

    /** Every Gateway API kind the mock serves: {@link #GATEWAY_API_V12} and {@link #GATEWAY_API_LATER}. */
    static final List<String[]> GATEWAY_API_KINDS = java.util.stream.Stream
            .concat(GATEWAY_API_V12.stream(), GATEWAY_API_LATER.stream()).toList();

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private MockApiServer(KubernetesMockServer server) {
        this.server = server;
        this.client = server.createClient();
    }

    /** Starts with every Gateway API kind of {@link #GATEWAY_API_KINDS} registered except those named. */
    static MockApiServer start(String... kindsLeftOut) {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesMixedDispatcher(responses), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        MockApiServer mock = new MockApiServer(server);
        List<String> leftOut = List.of(kindsLeftOut);
        for (String[] kind : GATEWAY_API_KINDS) {
            if (!leftOut.contains(kind[0])) {
                mock.register(WatchedKind.GATEWAY_GROUP, kind[2], kind[0], kind[1], kind[3]);
            }
        }
        return mock;
    }

    /** Registers a CRD (with a status subresource), which also makes API discovery list it. */
    void register(String group, String version, String kind, String plural, String scope) {
        server.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withScope(scope)
                .withStatusSubresource(true).build());
    }

    KubernetesMockServer server() {
        return server;
    }

    KubernetesClient client() {
        return client;
    }

    /** The server URL, e.g. {@code http://127.0.0.1:34567/}. */
    String url() {
        return server.url("/");
    }

    /** Settings of a source reading from this server, plus {@code extra} ({@code key, value, key, value...}). */
    Map<String, String> settings(String... extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put(KubernetesSourceSettings.MASTER, url());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    /** Creates the objects of a multi-document YAML text. */
    void apply(String yaml) {
        for (GenericKubernetesResource resource : Yaml.parse(client, yaml)) {
            client.resource(resource).create();
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
