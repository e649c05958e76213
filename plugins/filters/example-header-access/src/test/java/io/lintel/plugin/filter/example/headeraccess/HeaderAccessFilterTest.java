package io.lintel.plugin.filter.example.headeraccess;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.testkit.FakeNext;
import io.lintel.testkit.FakeRequestHead;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderAccessFilterTest {

    private final HeaderAccessSpec spec = new HeaderAccessSpec("X-Api-Key", List.of("k-1", "k-2"), 403, "no\n", false);

    @Test
    void aRequestWithAnAllowedValueGoesOn() {
        FakeRequestHead request = FakeRequestHead.get("http", "example.com", "/");
        request.headers().add("x-api-key", "nope");
        request.headers().add("x-api-key", "k-2");
        FakeNext next = new FakeNext();

        new HeaderAccessFilter(spec).filter(request, next);

        assertThat(next.proceeded()).containsExactly(request);
        assertThat(next.responded()).isEmpty();
        assertThat(request.headers().getAll("X-Api-Key")).containsExactly("nope", "k-2");
    }

    @Test
    void aRequestWithoutTheHeaderOrWithAnotherValueIsDenied() {
        FakeNext next = new FakeNext();
        FakeRequestHead other = FakeRequestHead.get("http", "example.com", "/");
        other.headers().add("X-Api-Key", "K-1");

        new HeaderAccessFilter(spec).filter(FakeRequestHead.get("http", "example.com", "/"), next);
        new HeaderAccessFilter(spec).filter(other, next);

        assertThat(next.proceeded()).isEmpty();
        assertThat(next.responded()).hasSize(2).allSatisfy(responded -> {
            assertThat(responded.status()).isEqualTo(403);
            assertThat(responded.contentType()).startsWith("text/plain");
            assertThat(new String(responded.body(), StandardCharsets.UTF_8)).isEqualTo("no\n");
        });
    }

    @Test
    void removesTheHeaderWhenAsked() {
        FakeRequestHead request = FakeRequestHead.get("http", "example.com", "/");
        request.headers().add("X-Api-Key", "k-1");
        FakeNext next = new FakeNext();

        new HeaderAccessFilter(new HeaderAccessSpec("X-Api-Key", List.of("k-1"), 401, "", true)).filter(request, next);

        assertThat(next.proceeded()).containsExactly(request);
        assertThat(request.headers().contains("X-Api-Key")).isFalse();
    }
}
