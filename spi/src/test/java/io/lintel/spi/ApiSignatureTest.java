package io.lintel.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guards the SPI's compatibility: the public API read from the compiled classes must equal the committed
 * {@code spi/api-signature.txt}. Plugins are built against this jar and loaded by any later core, so every change to
 * it is a decision: additions must be compatible (a new interface method needs a default), and a removed or changed
 * line breaks plugins built before it.
 *
 * <p>To acknowledge an intended change, regenerate the file and commit it with the change:
 * {@code mvn -o -pl spi test -Dtest=ApiSignatureTest -Dlintel.api.update=true}.
 */
class ApiSignatureTest {

    private static final Path FILE = Path.of("api-signature.txt");
    private static final Path CLASSES = Path.of("target", "classes");
    private static final String HOW_TO_ACKNOWLEDGE = "If the change is intended, check that it is compatible (a new "
            + "interface method needs a default; removing or changing a line breaks plugins built against the old SPI), "
            + "then regenerate spi/api-signature.txt and commit it with the change:\n"
            + "  mvn -o -pl spi test -Dtest=ApiSignatureTest -Dlintel.api.update=true";

    @Test
    void publicApiMatchesTheCommittedSignature() throws IOException {
        List<String> current = ApiSignature.of(CLASSES);
        assertThat(current).as("no SPI classes found under %s", CLASSES.toAbsolutePath()).isNotEmpty();
        if (Boolean.getBoolean("lintel.api.update")) {
            Files.write(FILE, current, StandardCharsets.UTF_8);
            return;
        }
        List<String> committed = Files.exists(FILE) ? Files.readAllLines(FILE, StandardCharsets.UTF_8) : List.of();
        if (committed.equals(current)) {
            return;
        }
        Set<String> removed = new LinkedHashSet<>(committed);
        current.forEach(removed::remove);
        Set<String> added = new LinkedHashSet<>(current);
        committed.forEach(added::remove);
        List<String> report = new ArrayList<>();
        report.add("The SPI's public API differs from spi/api-signature.txt.");
        if (!removed.isEmpty()) {
            report.add("Removed or changed (breaks plugins built against the committed SPI):");
            removed.forEach(line -> report.add("  - " + line));
        }
        if (!added.isEmpty()) {
            report.add("Added:");
            added.forEach(line -> report.add("  + " + line));
        }
        report.add(HOW_TO_ACKNOWLEDGE);
        throw new AssertionError(String.join("\n", report));
    }
}
