package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-shot commands of {@code bin/lintel}, run as a user or a script would: exit codes and stdout. */
class CliIT {

    private static final Path LOGS = Paths.get("target", "it-logs");

    @TempDir
    Path work;

    @Test
    void validateExitsZeroOnAGoodDirectory() throws Exception {
        Path good = Files.createDirectories(work.resolve("good"));
        Files.writeString(good.resolve("gateway.yaml"),
                Manifests.gatewayClass() + "---\n" + Manifests.gateway("v", 18080) + "---\n"
                        + Manifests.route("r", "v", "s") + "---\n" + Manifests.serviceWithEndpoint("s", 18081));

        LintelProcess.Result result =
                LintelProcess.run(LOGS.resolve("validate-good.log"), "validate", "--config", good.toString());

        assertThat(result.exitCode()).as("lintel validate on a good directory\n%s", result.output()).isZero();
    }

    @Test
    void validateExitsOneOnABadDirectoryAndNamesTheFile() throws Exception {
        Path bad = Files.createDirectories(work.resolve("bad"));
        Files.writeString(bad.resolve("broken.yaml"), "kind: [unclosed\n");

        LintelProcess.Result result =
                LintelProcess.run(LOGS.resolve("validate-bad.log"), "validate", "--config", bad.toString());

        assertThat(result.exitCode()).as("lintel validate on a bad directory\n%s", result.output()).isEqualTo(1);
        assertThat(result.stdout()).contains("broken.yaml");
    }

    @Test
    void runExitsTwoOnAnUnknownSettingAndNamesTheFileTheKeyAndTheClosestKnownKey() throws Exception {
        Path config = Files.createDirectories(work.resolve("config"));
        Path settings = work.resolve("lintel.yaml");
        Files.writeString(settings, "connections:\n  mxa: 8000\n");

        LintelProcess.Result result = LintelProcess.run(LOGS.resolve("run-unknown-setting.log"),
                "run", "--config", config.toString(), "--settings", settings.toString(), "--admin", "127.0.0.1:0");

        assertThat(result.exitCode()).as("lintel run with an unknown setting\n%s", result.output()).isEqualTo(2);
        assertThat(result.stderr()).contains("lintel run: settings file " + settings
                + ": connections.mxa: unknown setting (did you mean connections.max?)");
    }

    @Test
    void validateChecksASettingsFile() throws Exception {
        Path config = Files.createDirectories(work.resolve("config"));
        Path settings = work.resolve("lintel.yaml");
        Files.writeString(settings, "shutdown.drainSeconds: -1\n");

        LintelProcess.Result result = LintelProcess.run(LOGS.resolve("validate-bad-setting.log"),
                "validate", "--config", config.toString(), "--settings", settings.toString());

        assertThat(result.exitCode()).as("lintel validate with a bad setting\n%s", result.output()).isEqualTo(2);
        assertThat(result.stderr()).contains("shutdown.drainSeconds: -1 is out of range");
    }

    @Test
    void settingsListsCoresAndThePluginsSettingsAndThePluginsKeysAreChecked() throws Exception {
        LintelProcess.Result listed = LintelProcess.run(LOGS.resolve("settings.log"), "settings");

        assertThat(listed.exitCode()).as("lintel settings\n%s", listed.output()).isZero();
        assertThat(listed.stdout()).contains("#connections.max: 8000", "#externalAuth.timeoutMillis: 2000");

        Path config = Files.createDirectories(work.resolve("config-plugin-setting"));
        Path settings = work.resolve("plugin-setting.yaml");
        Files.writeString(settings, "externalAuth:\n  timeoutMillis: 0\n");
        LintelProcess.Result checked = LintelProcess.run(LOGS.resolve("validate-plugin-setting.log"),
                "validate", "--config", config.toString(), "--settings", settings.toString());

        assertThat(checked.exitCode()).as("lintel validate with a bad plugin setting\n%s", checked.output()).isEqualTo(2);
        assertThat(checked.stderr()).contains("externalAuth.timeoutMillis: 0 is out of range");
    }

    @Test
    void featuresPrintsOneCommaSeparatedLineWithTheCoreFeatures() throws Exception {
        LintelProcess.Result result = LintelProcess.run(LOGS.resolve("features.log"), "features");

        assertThat(result.exitCode()).as("lintel features\n%s", result.output()).isZero();
        String line = result.stdout().strip();
        // Fit for the conformance runner's --features: one line, no spaces, no log output mixed in.
        assertThat(line).doesNotContain("\n").doesNotContain(" ");
        // Sorted, and with the features of the plugins the distribution ships (filters here).
        assertThat(Arrays.asList(line.split(","))).isSorted()
                .contains("Gateway", "HTTPRoute", "HTTPRouteResponseHeaderModification")
                // the route kind plugins the distribution ships (route-grpc, route-tls, route-tcp, route-udp)
                .contains("GRPCRoute", "GRPCRouteNamedRouteRule")
                .contains("TLSRoute", "TLSRouteModeTerminate", "TLSRouteModeMixed", "TCPRoute", "UDPRoute")
                // and of the policy-backend-tls plugin
                .contains("BackendTLSPolicy", "BackendTLSPolicySANValidation");
    }

    @Test
    void featuresWithAnEmptyPluginsDirectoryListOnlyCoresFeaturesNotThoseOfTheRouteKindPlugins() throws Exception {
        Path empty = Files.createDirectories(work.resolve("no-plugins"));

        LintelProcess.Result result = LintelProcess.run(LOGS.resolve("features-no-plugins.log"), "features",
                "--plugins", empty.toString());

        assertThat(result.exitCode()).as("lintel features --plugins %s\n%s", empty, result.output()).isZero();
        List<String> features = Arrays.asList(result.stdout().strip().split(","));
        assertThat(features).contains("Gateway", "HTTPRoute", "ReferenceGrant")
                .doesNotContain("GRPCRoute", "GRPCRouteNamedRouteRule")
                .doesNotContain("TLSRoute", "TLSRouteModeTerminate", "TLSRouteModeMixed", "TCPRoute", "UDPRoute")
                .doesNotContain("BackendTLSPolicy", "BackendTLSPolicySANValidation")
                // nor those of the filter plugins
                .doesNotContain("HTTPRouteResponseHeaderModification");
    }
}
