package io.lintel.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Session tokens name their endpoint, verify, expire, and cannot be forged, moved to another rule, or extended. */
class SessionTokensTest {

    private static final byte[] RULE = "httproute/default/r/rule/0".getBytes(StandardCharsets.UTF_8);
    private final SessionTokens tokens = new SessionTokens(key(1));

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) fill);
        return key;
    }

    @Test
    void aTokenSaysWhichEndpointItNames() {
        String token = tokens.encode(RULE, 3, "10.0.0.7", 8080, 5_000);
        assertThat(token).matches("[A-Za-z0-9_-]+").doesNotContain("10.0.0.7");
        assertThat(tokens.decode(RULE, token, 4_999))
                .isEqualTo(new SessionTokens.Decoded(3, "10.0.0.7", 8080, 5_000));
    }

    @Test
    void aTokenWithoutExpiryNeverExpires() {
        String token = tokens.encode(RULE, 0, "fd00::1", 65535, 0);
        assertThat(tokens.decode(RULE, token, Long.MAX_VALUE - 1))
                .isEqualTo(new SessionTokens.Decoded(0, "fd00::1", 65535, 0));
    }

    @Test
    void anExpiredTokenIsNoSession() {
        String token = tokens.encode(RULE, 0, "10.0.0.7", 80, 5_000);
        assertThat(tokens.decode(RULE, token, 5_000)).isNull();
        assertThat(tokens.decode(RULE, token, 6_000)).isNull();
    }

    @Test
    void aChangedByteIsNoSession() {
        byte[] raw = Base64.getUrlDecoder().decode(tokens.encode(RULE, 1, "10.0.0.7", 80, 0));
        for (int i = 0; i < raw.length; i++) {
            byte[] forged = raw.clone();
            forged[i] ^= 1;
            assertThat(tokens.decode(RULE, Base64.getUrlEncoder().withoutPadding().encodeToString(forged), 0))
                    .as("byte %d flipped", i).isNull();
        }
    }

    @Test
    void aTokenOfAnotherRuleOrProcessIsNoSession() {
        String token = tokens.encode(RULE, 1, "10.0.0.7", 80, 0);
        assertThat(tokens.decode("httproute/default/r/rule/1".getBytes(StandardCharsets.UTF_8), token, 0)).isNull();
        assertThat(new SessionTokens(key(2)).decode(RULE, token, 0)).isNull();
    }

    @Test
    void garbageIsNoSession() {
        assertThat(tokens.decode(RULE, "", 0)).isNull();
        assertThat(tokens.decode(RULE, "not base64!", 0)).isNull();
        assertThat(tokens.decode(RULE, "AAAA", 0)).isNull();
        assertThat(tokens.decode(RULE, "A".repeat(600), 0)).isNull();
    }
}
