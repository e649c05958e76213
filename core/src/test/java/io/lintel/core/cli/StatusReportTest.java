package io.lintel.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.core.ir.Ir;
import io.lintel.core.status.ResourceStatus;
import io.lintel.core.translate.TranslationResult;
import io.lintel.spi.config.ResourceKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** {@code lintel validate}'s verdict: errors always fail, warnings only with {@code --strict}. */
class StatusReportTest {

    /** An accepted route whose backend reference does not resolve: a warning, not an error. */
    private static final TranslationResult UNRESOLVED = new TranslationResult(List.of(new ResourceStatus(
            new ResourceKey("gateway.networking.k8s.io", "HTTPRoute", "default", "web"), "gateway.networking.k8s.io/v1", 1,
            Map.of("parents", List.of(Map.of("parentRef", Map.of("name", "gw"), "conditions", List.of(
                    Map.of("type", "Accepted", "status", "True", "reason", "Accepted"),
                    Map.of("type", "ResolvedRefs", "status", "False", "reason", "BackendNotFound",
                            "message", "Service default/missing not found"))))))), Ir.EMPTY, List.of());

    @Test
    void aWarningPassesUnlessStrict() {
        StringWriter text = new StringWriter();

        assertThat(new StatusReport(new PrintWriter(text), false).print(UNRESOLVED)).isTrue();
        assertThat(text.toString()).contains("ResolvedRefs=False (BackendNotFound): Service default/missing not found")
                .contains("1 warning(s)\nconfiguration valid");
        StringWriter strict = new StringWriter();
        assertThat(new StatusReport(new PrintWriter(strict), true).print(UNRESOLVED)).isFalse();
        assertThat(strict.toString()).contains("1 warning(s) (--strict: they fail validation)\nconfiguration has errors");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonListsTheWarningWithTheResourceAndWhereItIs() {
        StringWriter json = new StringWriter();

        boolean valid = new StatusReport(new PrintWriter(json), true).printJson(UNRESOLVED);

        Map<String, Object> document = JsonMapper.builder().build().readValue(json.toString(), Map.class);
        assertThat(valid).isFalse();
        assertThat(document).containsEntry("valid", false).containsEntry("strict", true)
                .containsEntry("errors", List.of());
        Map<String, Object> warning = JsonTree.maps(document.get("warnings")).get(0);
        assertThat(warning).containsEntry("resource", "HTTPRoute default/web")
                .containsEntry("where", "parent Gateway default/gw");
        assertThat(JsonTree.map(warning.get("condition"))).containsEntry("reason", "BackendNotFound");
        assertThat(JsonTree.maps(document.get("resources"))).hasSize(1);
    }

    @Test
    void severityFollowsEachConditionsPolarity() {
        assertThat(ConditionSeverity.of("Accepted", "False")).isEqualTo(ConditionSeverity.ERROR);
        assertThat(ConditionSeverity.of("Programmed", "True")).isEqualTo(ConditionSeverity.OK);
        assertThat(ConditionSeverity.of("Conflicted", "False")).isEqualTo(ConditionSeverity.OK);
        assertThat(ConditionSeverity.of("Conflicted", "True")).isEqualTo(ConditionSeverity.WARNING);
        assertThat(ConditionSeverity.of("ResolvedRefs", "Unknown")).isEqualTo(ConditionSeverity.WARNING);
    }
}
