package io.lintel.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped Grafana dashboard queries only metrics Lintel exports (a renamed metric must not blank a panel). */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("../deploy/grafana/lintel-dashboard.json");

    @Test
    void everyMetricTheDashboardQueriesExists() throws Exception {
        Set<String> exported = new GatewayMetrics().registry().scrape().stream()
                .map(MetricSnapshot::getMetadata)
                .map(metadata -> metadata.getPrometheusName())
                .collect(Collectors.toSet());
        Set<String> queried = new TreeSet<>();
        Matcher names = Pattern.compile("lintel_[a-z_]+").matcher(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
        while (names.find()) {
            queried.add(names.group().replaceAll("_(bucket|count|sum|total)$", ""));
        }

        assertThat(queried).hasSizeGreaterThan(20);
        assertThat(exported).containsAll(queried);
    }
}
