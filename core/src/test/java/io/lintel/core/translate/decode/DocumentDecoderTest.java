package io.lintel.core.translate.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.lintel.core.testing.GoldenFiles;
import io.lintel.spi.config.ConfigProblem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentDecoderTest {

    private final DocumentDecoder decoder = new DocumentDecoder();

    private Optional<DecodedResource<HasMetadata>> decode(String yaml, List<ConfigProblem> problems) {
        return decoder.decode(GoldenFiles.documents("r.yaml", yaml).get(0), problems::add);
    }

    @Test
    void theStartUpSamplesDecodeWithoutProblems() {
        // DocumentDecoder.prepare swallows failures (it is only a head start): a sample that stopped decoding would
        // silently stop preparing its kind's deserializers.
        assertThat(DocumentDecoder.samples()).hasSize(6);
        for (var sample : DocumentDecoder.samples()) {
            List<ConfigProblem> problems = new ArrayList<>();
            assertThat(decoder.decode(sample, problems::add)).as("%s: %s", sample.key(), problems).isPresent();
            assertThat(problems).isEmpty();
        }
        DocumentDecoder.prepare();
    }

    @Test
    void decodedObjectsShareOneEmptyMapForTheirAdditionalProperties() {
        List<ConfigProblem> problems = new ArrayList<>();
        HTTPRoute route = (HTTPRoute) decode("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: ns}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /a}}]
                    backendRefs: [{name: svc, port: 80}]
                """, problems).orElseThrow().object();

        assertThat(problems).isEmpty();
        assertThat(route.getAdditionalProperties()).isSameAs(Collections.emptyMap());
        assertThat(route.getSpec().getAdditionalProperties()).isSameAs(Collections.emptyMap());
        assertThat(route.getSpec().getRules().get(0).getMatches().get(0).getPath().getAdditionalProperties())
                .isSameAs(Collections.emptyMap());
        assertThat(route.getSpec().getRules().get(0).getMatches().get(0).getPath().getValue()).isEqualTo("/a");
    }

    @Test
    void anUnknownFieldIsReportedWithItsPath() {
        List<ConfigProblem> problems = new ArrayList<>();
        Optional<DecodedResource<HasMetadata>> decoded = decode("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: r, namespace: ns}
                spec:
                  parentRefs: [{name: gw}]
                  rules:
                  - matches: [{path: {type: PathPrefix, value: /a, extra: 1}}]
                """, problems);

        assertThat(decoded).isEmpty();
        assertThat(problems).extracting(ConfigProblem::fieldPath).containsExactly("spec.rules[0].matches[0].path.extra");
    }
}
