package io.lintel.plugin.tls.pem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lintel.spi.tls.TlsMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys as the openssl command line writes them; skipped where openssl is not installed. */
class OpensslInteropTest {

    private static final PemTlsMaterialLoader LOADER = new PemTlsMaterialLoader(Clock.systemUTC());

    @TempDir
    Path dir;

    @BeforeAll
    static void requireOpenssl() {
        assumeTrue(opensslAvailable(), "openssl is not on the PATH");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "RSA PRIVATE KEY (genrsa -traditional)  | genrsa -traditional -out key.pem 2048                       | RSA PRIVATE KEY",
            "PRIVATE KEY (genrsa)                   | genrsa -out key.pem 2048                                    | PRIVATE KEY",
            "EC PARAMETERS + EC PRIVATE KEY (ecparam)| ecparam -name prime256v1 -genkey -out key.pem              | EC PARAMETERS",
            "EC PRIVATE KEY P-384 (ecparam)         | ecparam -name secp384r1 -genkey -noout -out key.pem         | EC PRIVATE KEY",
            "PRIVATE KEY EC (genpkey)               | genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem | PRIVATE KEY",
            "PRIVATE KEY Ed25519 (genpkey)          | genpkey -algorithm ed25519 -out key.pem                     | PRIVATE KEY",
    })
    void loadsWhatOpensslWrites(String description, String keyCommand, String firstBlockType) throws Exception {
        openssl(keyCommand);
        openssl("req -x509 -new -key key.pem -subj /CN=localhost -days 2 -out crt.pem");
        String keyPem = Files.readString(dir.resolve("key.pem"));
        assertThat(keyPem).startsWith("-----BEGIN " + firstBlockType + "-----");

        TlsMaterial material = LOADER.load(data());

        assertThat(material.chain()).hasSize(1);
        assertThat(material.privateKey().getClass().getName()).doesNotStartWith("org.bouncycastle");
    }

    @Test
    void rejectsAnOpensslEncryptedKey() throws Exception {
        openssl("genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -aes256 -pass pass:secret -out key.pem");
        openssl("req -x509 -new -key key.pem -passin pass:secret -subj /CN=localhost -days 2 -out crt.pem");

        assertThatThrownBy(() -> LOADER.load(data())).hasMessageContaining("is an encrypted PKCS#8 key");
    }

    private Map<String, byte[]> data() throws IOException {
        return Map.of("tls.crt", Files.readAllBytes(dir.resolve("crt.pem")), "tls.key", Files.readAllBytes(dir.resolve("key.pem")));
    }

    private void openssl(String arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments.trim().split("\\s+")));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", arguments, output).isZero();
    }

    private static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
