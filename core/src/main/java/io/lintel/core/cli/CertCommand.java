package io.lintel.core.cli;

import io.lintel.core.cli.args.CommandSpec;
import io.lintel.core.cli.args.Option;
import io.lintel.core.cli.args.ParsedArguments;
import io.lintel.core.cli.args.UsageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code lintel cert}: generates a key and a self-signed certificate and prints them as a {@code kubernetes.io/tls}
 * Secret, ready to drop into a config directory and reference from a Gateway's HTTPS listener.
 *
 * <p>Exit codes: 0 written, 2 a bad option or a failure (e.g. the output file cannot be written).
 */
final class CertCommand implements Subcommand {

    static final Option NAME = Option.value("NAME", "The Secret's metadata.name (default: ${DEFAULT}).", "--name")
            .withDefault("lintel-tls");
    static final Option NAMESPACE = Option.value("NAMESPACE", "The Secret's metadata.namespace (default: ${DEFAULT}).",
            "--namespace").withDefault("default");
    static final Option HOSTNAME = Option.repeatable("NAME",
            "A DNS name (wildcards allowed) or IP address the certificate is for; repeatable; the first is "
                    + "also the common name (default: localhost and 127.0.0.1).", "--hostname");
    static final Option DAYS = Option.value("DAYS", "Days the certificate is valid (default: ${DEFAULT}).", "--days")
            .withDefault("365");
    static final Option KEY_TYPE = Option.value("TYPE", "ec (ECDSA P-256) or rsa (RSA 2048) (default: ${DEFAULT}).",
            "--key-type").withDefault("ec");
    static final Option OUT = Option.value("FILE",
            "Write the YAML to FILE (replaced atomically, readable by the owner only) instead of stdout.", "--out");
    static final CommandSpec SPEC = CommandSpec.builder("lintel cert",
                    "Generate a self-signed certificate as a kubernetes.io/tls Secret (YAML), for trying HTTPS listeners.")
            .option(NAME).option(NAMESPACE).option(HOSTNAME).option(DAYS).option(KEY_TYPE).option(OUT)
            .build();

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private final String name;
    private final String namespace;
    private final List<String> hostnames;
    private final int days;
    private final String keyType;
    private final Path out;

    CertCommand(ParsedArguments arguments) {
        name = arguments.value(NAME);
        namespace = arguments.value(NAMESPACE);
        hostnames = arguments.values(HOSTNAME);
        days = arguments.integer(DAYS);
        keyType = arguments.value(KEY_TYPE);
        out = arguments.path(OUT);
        validate();
    }

    @Override
    public int call(Console console) throws IOException {
        SelfSignedCertificateBuilder.Generated generated = SelfSignedCertificateBuilder.generate(
                hostnamesOrDefault(), Duration.ofDays(days), SelfSignedCertificateBuilder.KeyType.valueOf(keyType.toUpperCase(java.util.Locale.ROOT)),
                Instant.now());
        String yaml = secretYaml(generated);
        if (out == null) {
            PrintWriter stdout = console.out();
            stdout.print(yaml);
            stdout.flush();
        } else {
            write(out, yaml);
        }
        return 0;
    }

    private void validate() {
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw bad("--name: '" + name + "' is not a Kubernetes name (expected: lower-case a-z, 0-9, '-' and '.', at most 253 characters)");
        }
        if (!DNS_LABEL.matcher(namespace).matches()) {
            throw bad("--namespace: '" + namespace + "' is not a Kubernetes namespace (expected: lower-case a-z, 0-9 and '-', at most 63 characters)");
        }
        if (days < 1) {
            throw bad("--days: " + days + " (expected: at least 1)");
        }
        if (!keyType.equalsIgnoreCase("ec") && !keyType.equalsIgnoreCase("rsa")) {
            throw bad("--key-type: '" + keyType + "' (expected: ec or rsa)");
        }
    }

    private static UsageException bad(String message) {
        return new UsageException(message);
    }

    /** Names are validated, so they need no escaping; quoted so that e.g. {@code 123} stays a string. */
    private String secretYaml(SelfSignedCertificateBuilder.Generated generated) {
        return "# A self-signed certificate made by `lintel cert` for " + String.join(", ", hostnamesOrDefault()) + ".\n"
                + "# Reference it from a Gateway listener: tls.certificateRefs: [{name: " + name + "}]\n"
                + "apiVersion: v1\n"
                + "kind: Secret\n"
                + "metadata:\n"
                + "  name: \"" + name + "\"\n"
                + "  namespace: \"" + namespace + "\"\n"
                + "type: kubernetes.io/tls\n"
                + "data:\n"
                + "  tls.crt: " + base64(generated.certificatePem()) + "\n"
                + "  tls.key: " + base64(generated.privateKeyPem()) + "\n";
    }

    private List<String> hostnamesOrDefault() {
        return hostnames.isEmpty() ? List.of("localhost", "127.0.0.1") : hostnames;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Written beside the target then renamed, so a watching file source never reads half a Secret. */
    private static void write(Path file, String yaml) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory's ACL applies.
            }
            Files.writeString(temporary, yaml, StandardCharsets.US_ASCII);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
