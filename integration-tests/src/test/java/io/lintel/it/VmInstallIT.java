package io.lintel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, running on a VM as {@code conf/lintel.service} runs Lintel: the configuration in a directory of its own
 * ({@code LINTEL_CONF_DIR}: its {@code lintel.yaml} and {@code logback.xml} are the ones used), and
 * {@code systemctl reload} (SIGHUP) leaves the gateway serving instead of stopping the JVM.
 */
class VmInstallIT {

    private static final Path LOGS = Paths.get("target", "it-logs");

    @TempDir
    Path work;

    /** A conf directory with a logback.xml whose pattern marks every line, and {@code settings} as lintel.yaml. */
    private Path confDir(String settings) throws Exception {
        Path conf = Files.createDirectories(work.resolve("etc"));
        String logback = Files.readString(LintelProcess.home().resolve("conf/logback.xml"), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("logback.xml"), logback.replace("%-5level [%thread]", "FROM-CONF-DIR %-5level [%thread]"));
        Files.writeString(conf.resolve("lintel.yaml"), settings);
        return conf;
    }

    @Test
    void theSettingsFileOfLintelConfDirIsTheDefault() throws Exception {
        Path conf = confDir("shutdown.drainSeconds: -1\n");
        Path config = Files.createDirectories(work.resolve("config"));

        LintelProcess.Result result = LintelProcess.run(LintelProcess.home(),
                Map.of("LINTEL_CONF_DIR", conf.toString()), LOGS.resolve("vm-conf-dir-validate.log"),
                "validate", "--config", config.toString());

        assertThat(result.exitCode()).as("lintel validate\n%s", result.output()).isEqualTo(2);
        assertThat(result.stderr()).contains(conf.resolve("lintel.yaml").toString())
                .contains("shutdown.drainSeconds: -1 is out of range");
    }

    @Test
    void aMissingConfDirIsRefusedByName() throws Exception {
        LintelProcess.Result result = LintelProcess.run(LintelProcess.home(),
                Map.of("LINTEL_CONF_DIR", work.resolve("nowhere").toString()), LOGS.resolve("vm-conf-dir-missing.log"),
                "version");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("LINTEL_CONF_DIR is set to '" + work.resolve("nowhere")
                + "', which is not a directory");
    }

    @Test
    void aHangUpIsLoggedAndTheGatewayKeepsServing() throws Exception {
        int adminPort = LintelProcess.freePort();
        Path conf = confDir("admin.address: 127.0.0.1:" + adminPort + "\n");
        Path config = Files.createDirectories(work.resolve("config"));
        Path log = LOGS.resolve("vm-sighup.log");
        URI ready = URI.create("http://127.0.0.1:" + adminPort + "/ready");
        try (LintelProcess lintel = LintelProcess.start(LintelProcess.home(), Map.of("LINTEL_CONF_DIR", conf.toString()),
                log, "run", "--config", config.toString())) {
            lintel.awaitReady(ready, Duration.ofSeconds(90));

            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(lintel.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();

            lintel.awaitOrExplain(Duration.ofSeconds(30), () -> assertThat(Files.readString(log, StandardCharsets.UTF_8))
                    .contains("FROM-CONF-DIR INFO  [SIGHUP handler] HangupSignal: SIGHUP: nothing to reload"));
            assertThat(ItHttp.get(ready).statusCode()).isEqualTo(200);
        }
    }
}
