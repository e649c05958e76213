package io.lintel.plugin.discovery.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.discovery.manifests.ManifestParser.Limits;
import io.lintel.plugin.discovery.manifests.ManifestParser.ParsedManifests;
import org.junit.jupiter.api.Test;

/**
 * Hostile texts (issue #14): each is refused whole, with a problem naming the limit and its setting, instead of
 * overflowing the stack, spending minutes or exhausting the heap. Inputs are generated here, not committed.
 */
class ManifestLimitsTest {

    private static final String FILE = "/etc/lintel/routes.yaml";
    private static final String HEAD = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";

    private static void assertRefused(ParsedManifests parsed, String... fragments) {
        assertThat(parsed.limitExceeded()).isTrue();
        assertThat(parsed.documents()).isEmpty();
        assertThat(parsed.syntaxError()).hasValueSatisfying(problem -> {
            assertThat(problem.location().origin()).isEqualTo(FILE);
            assertThat(problem.message()).contains(fragments);
        });
    }

    @Test
    void flowNesting10000DeepIsRefusedNotAStackOverflow() {
        String text = HEAD + "data: {k: " + "[".repeat(10_000) + "]".repeat(10_000) + "}\n";
        assertRefused(ManifestParser.parse(FILE, text), "more than 64 deep", "maxNestingDepth");
    }

    @Test
    void blockNesting10000DeepIsRefused() {
        StringBuilder text = new StringBuilder(HEAD).append("data:\n");
        for (int i = 1; i <= 10_000; i++) {
            text.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        ParsedManifests parsed = ManifestParser.parse(FILE, text.toString());
        assertRefused(parsed, "maxNestingDepth");
        assertThat(parsed.syntaxError().orElseThrow().location().line()).isBetween(3 + 60, 3 + 70); // where it got too deep
    }

    @Test
    void nestingAtTheLimitIsRead() {
        // the document's own mapping and data's mapping are two levels
        String text = HEAD + "data: {k: " + "[".repeat(62) + "]".repeat(62) + "}\n";
        assertThat(ManifestParser.parse(FILE, text).documents()).hasSize(1);
        String deeper = HEAD + "data: {k: " + "[".repeat(63) + "]".repeat(63) + "}\n";
        assertThat(ManifestParser.parse(FILE, deeper).limitExceeded()).isTrue();
    }

    @Test
    void aScalarOverOneMebibyteIsRefusedAndAShorterOneRead() {
        String huge = HEAD + "data:\n  k: \"" + "x".repeat((1 << 20) + 1) + "\"\n";
        assertRefused(ManifestParser.parse(FILE, huge), "more than maxScalarBytes (1 MiB)");
        String big = HEAD + "data:\n  k: \"" + "x".repeat(1 << 20) + "\"\n";
        assertThat(ManifestParser.parse(FILE, big).documents()).hasSize(1);
    }

    @Test
    void aScalarIsMeasuredInUtf8Bytes() {
        String text = HEAD + "data:\n  k: " + "é".repeat(600_000) + "\n"; // 1.2 MB in UTF-8
        assertRefused(ManifestParser.parse(FILE, text), "maxScalarBytes");
    }

    @Test
    void moreDocumentsThanTheLimitAreRefused() {
        String text = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n".repeat(10_001);
        assertRefused(ManifestParser.parse(FILE, text), "more than 10000 documents (maxDocuments)");
        Limits small = new Limits(3, 64, 1 << 20, 100);
        assertThat(ManifestParser.parse(FILE, text.substring(0, text.length() / 10_001 * 3), small).documents())
                .hasSize(3);
    }

    @Test
    void listItemsCountAsDocuments() {
        StringBuilder text = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        for (int i = 0; i < 4; i++) {
            text.append("- {apiVersion: v1, kind: ConfigMap, metadata: {name: c").append(i).append("}}\n");
        }
        assertRefused(ManifestParser.parse(FILE, text.toString(), new Limits(3, 64, 1 << 20, 100)), "maxDocuments");
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder text = new StringBuilder(HEAD).append("lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            text.append("lol").append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                text.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            text.append("]\n");
        }
        // 90 aliases, 10^9 leaves once expanded
        assertRefused(ManifestParser.parse(FILE, text.toString()), "aliases that expand to more than 100000 nodes",
                "maxAliases");
    }

    @Test
    void moreAliasesThanTheLimitAreRefused() {
        String text = HEAD + "one: &o 1\ndata: [" + "*o, ".repeat(100) + "*o]\n";
        assertRefused(ManifestParser.parse(FILE, text), "more than 100 aliases (maxAliases)");
    }

    @Test
    void anAliasChainWithinTheAliasCountIsRefusedByItsExpansion() {
        // 25 levels of two aliases: 50 aliases, 2^25 leaves once expanded
        StringBuilder text = new StringBuilder(HEAD).append("a0: &a0 [x, x]\n");
        for (int i = 1; i <= 25; i++) {
            text.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        assertRefused(ManifestParser.parse(FILE, text.toString()), "aliases that expand to more than 100000 nodes");
    }

    @Test
    void aFewAliasesAreRead() {
        String text = HEAD + "base: &b {a: 1, b: 2}\ndata:\n  one: *b\n  two: *b\n";
        ParsedManifests parsed = ManifestParser.parse(FILE, text);
        assertThat(parsed.syntaxError()).isEmpty();
        assertThat(parsed.documents()).hasSize(1);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new Limits(0, 64, 1, 1)).hasMessageContaining("maxDocuments");
        assertThatThrownBy(() -> new Limits(1, 64, 1, -1)).hasMessageContaining("maxAliases");
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(Sizes.of(8L << 20)).isEqualTo("8 MiB");
        assertThat(Sizes.of(52_000_000)).isEqualTo("49.6 MiB");
        assertThat(Sizes.of(1536)).isEqualTo("1.5 KiB");
        assertThat(Sizes.of(17)).isEqualTo("17 bytes");
    }
}
