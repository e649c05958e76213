package io.lintel.plugin.filter.extauth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lintel.plugin.filter.extauth.AuthVerdict.HeaderChange;
import io.lintel.plugin.filter.extauth.AuthVerdict.Mode;
import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.FilterBackend;
import io.lintel.testkit.FakeHeaders;
import io.lintel.testkit.FakeRequestContext;
import io.lintel.testkit.FakeRequestHead;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code ext_authz} v3 messages, checked field by field against the numbers of Envoy's protos: a
 * {@code CheckRequest} read back with {@link ProtoReader}, and {@code CheckResponse}s written with {@link ProtoWriter}.
 */
class GrpcAuthProtocolTest {

    private static final FilterBackend AUTH = new FilterBackend("spec.rules[0].filters[0].externalAuth.backendRef",
            "default/authz:9001", true);
    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00.25Z");
    private final GrpcAuthProtocol protocol = new GrpcAuthProtocol(
            new ExternalAuthSettings(Duration.ofMillis(800), 4096), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theCheckRequestCarriesTheClientTheTimeAndTheAllowedHeaders() {
        ExternalAuthSpec spec = spec(List.of(), 64);
        FakeRequestHead client = new FakeRequestHead("POST", "https", "shop.example", "/orders?id=7", FakeHeaders.of(
                "Authorization", "Bearer t", "Set-Cookie", "a=1", "Set-Cookie", "b=2", "Cookie", "secret",
                "X-Request-Id", "r-1"));

        CalloutRequest check = protocol.request(spec, client, new FakeRequestContext(), "{\"qty\":2}".getBytes(UTF_8));

        assertThat(check.method()).isEqualTo("POST");
        assertThat(check.pathAndQuery()).isEqualTo("/envoy.service.auth.v3.Authorization/Check");
        assertThat(check.headers()).contains(Map.entry("content-type", "application/grpc"),
                Map.entry("grpc-timeout", "800m"));
        assertThat(check.timeout()).isEqualTo(Duration.ofMillis(800));
        Fields attributes = Fields.of(checkRequest(check)).message(1);
        // Peer.address.socket_address: address 2, port_value 3
        Fields source = attributes.message(1).message(1).message(1);
        assertThat(source.string(2)).isEqualTo("127.0.0.1");
        assertThat(source.number(3)).isEqualTo(50000);
        assertThat(attributes.message(2).message(1).message(1).number(3)).isEqualTo(8080);
        Fields request = attributes.message(4);
        assertThat(request.message(1).number(1)).isEqualTo(NOW.getEpochSecond());
        assertThat(request.message(1).number(2)).isEqualTo(250_000_000L);
        Fields http = request.message(2);
        Map<String, String> headers = new HashMap<>();
        for (Fields entry : http.messages(3)) {
            headers.put(entry.string(1), entry.string(2));
        }
        // GEP-1494's default set when grpc.allowedHeaders is empty: not Cookie; repeated values joined
        assertThat(headers).containsExactlyInAnyOrderEntriesOf(Map.of("authorization", "Bearer t",
                "set-cookie", "a=1,b=2"));
        assertThat(http.string(1)).isEqualTo("r-1");
        assertThat(http.string(2)).isEqualTo("POST");
        assertThat(http.string(4)).isEqualTo("/orders?id=7");
        assertThat(http.string(5)).isEqualTo("shop.example");
        assertThat(http.string(6)).isEqualTo("https");
        assertThat(http.number(9)).isEqualTo(9);
        assertThat(http.string(11)).isEqualTo("{\"qty\":2}");
        assertThat(http.has(12)).isFalse();
    }

    @Test
    void aBodyThatIsNotUtf8GoesAsRawBytes() {
        CalloutRequest check = protocol.request(spec(List.of("x-tenant"), 8),
                new FakeRequestHead("POST", "http", "shop.example", "/", FakeHeaders.of("X-Tenant", "t1")), null,
                new byte[] {(byte) 0xff, 0});

        Fields http = Fields.of(checkRequest(check)).message(1).message(4).message(2);

        assertThat(http.has(11)).isFalse();
        assertThat(http.bytes(12)).containsExactly(0xff, 0);
        assertThat(http.messages(3)).singleElement().satisfies(entry -> assertThat(entry.string(2)).isEqualTo("t1"));
    }

    @Test
    void anOkStatusAllowsWithItsHeaderChanges() {
        byte[] ok = new ProtoWriter()
                .message(2, option("x-user", "alice", null, 0))
                .message(2, option("x-roles", "admin", true, 0))
                .message(2, option("x-plan", "gold", null, 1))
                .string(5, "Authorization").string(5, ":path")
                .message(6, option("x-checked", "yes", null, 0))
                .toByteArray();
        byte[] response = new ProtoWriter().message(1, new ProtoWriter()).bytes(3, ok).toByteArray();

        AuthVerdict verdict = protocol.verdict(spec(List.of(), 0), answer(response, "0"));

        assertThat(verdict).isEqualTo(new AuthVerdict.Allow(List.of(
                new HeaderChange("x-user", "alice", Mode.OVERWRITE),
                new HeaderChange("x-roles", "admin", Mode.APPEND),
                new HeaderChange("x-plan", "gold", Mode.ADD_IF_ABSENT)),
                List.of("authorization"),
                List.of(new HeaderChange("x-checked", "yes", Mode.OVERWRITE))));
    }

    @Test
    void anotherStatusDeniesWithItsResponseOr403() {
        byte[] denied = new ProtoWriter()
                .message(1, new ProtoWriter().int64(1, 401))
                .message(2, option("www-authenticate", "Bearer", null, 0))
                .message(2, option("content-type", "application/json", null, 0))
                .string(3, "{\"error\":\"expired\"}")
                .toByteArray();
        byte[] response = new ProtoWriter().message(1, new ProtoWriter().int64(1, 16)).bytes(2, denied).toByteArray();

        AuthVerdict verdict = protocol.verdict(spec(List.of(), 0), answer(response, "0"));

        assertThat(verdict).isInstanceOfSatisfying(AuthVerdict.Deny.class, deny -> {
            assertThat(deny.status()).isEqualTo(401);
            assertThat(deny.contentType()).isEqualTo("application/json");
            assertThat(deny.headers()).containsExactly(Map.entry("www-authenticate", "Bearer"));
            assertThat(new String(deny.body(), UTF_8)).isEqualTo("{\"error\":\"expired\"}");
        });
        AuthVerdict bare = protocol.verdict(spec(List.of(), 0),
                answer(new ProtoWriter().message(1, new ProtoWriter().int64(1, 7)).toByteArray(), "0"));
        assertThat(bare).isInstanceOfSatisfying(AuthVerdict.Deny.class, deny -> assertThat(deny.status()).isEqualTo(403));
    }

    @Test
    void aFailedOrMalformedCallIsNoAnswer() {
        ExternalAuthSpec spec = spec(List.of(), 0);
        byte[] empty = new byte[0];
        assertThatThrownBy(() -> protocol.verdict(spec, answer(empty, "14"))).hasMessageContaining("grpc-status 14");
        assertThatThrownBy(() -> protocol.verdict(spec, new CalloutResponse(503, List.of(), new byte[0])))
                .hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> protocol.verdict(spec, new CalloutResponse(200, List.of(), new byte[0])))
                .hasMessageContaining("without grpc-status");
        byte[] truncated = {0, 0, 0, 0, 9, 0x0a};
        assertThatThrownBy(() -> protocol.verdict(spec, new CalloutResponse(200, List.of(), truncated,
                List.of(Map.entry("grpc-status", "0"))))).hasMessageContaining("framed as 9 bytes");
        byte[] badField = {0x0a, 0x05, 0x08};
        assertThatThrownBy(() -> protocol.verdict(spec, answer(badField, "0"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static ExternalAuthSpec spec(List<String> allowedHeaders, int forwardBody) {
        return new ExternalAuthSpec(ExternalAuthSpec.Protocol.GRPC, AUTH, "", allowedHeaders, List.of(), forwardBody);
    }

    /** A unary gRPC answer: the framed message, trailers with {@code grpc-status}. */
    private static CalloutResponse answer(byte[] message, String grpcStatus) {
        byte[] framed = ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message)
                .array();
        return new CalloutResponse(200, List.of(Map.entry("content-type", "application/grpc")), framed,
                List.of(Map.entry("grpc-status", grpcStatus)));
    }

    private static ProtoWriter option(String key, String value, Boolean append, int action) {
        ProtoWriter option = new ProtoWriter().message(1, new ProtoWriter().string(1, key).string(2, value));
        if (append != null) {
            option.message(2, new ProtoWriter().int64(1, append ? 1 : 0));
        }
        return option.int64(3, action);
    }

    /** The message of a check's framed body. */
    private static byte[] checkRequest(CalloutRequest check) {
        ByteBuffer framed = ByteBuffer.wrap(check.body());
        assertThat(framed.get()).as("not compressed").isZero();
        assertThat(framed.getInt()).isEqualTo(framed.remaining());
        byte[] message = new byte[framed.remaining()];
        framed.get(message);
        return message;
    }

    /** A decoded message: each field number's values, varints as {@code Long}, the rest as bytes. */
    private record Fields(Map<Integer, List<Object>> values) {

        static Fields of(byte[] message) {
            Map<Integer, List<Object>> values = new HashMap<>();
            ProtoReader reader = new ProtoReader(message);
            while (reader.next()) {
                Object value = reader.wireType() == 0 ? (Object) reader.varint() : reader.bytes();
                values.computeIfAbsent(reader.field(), f -> new java.util.ArrayList<>()).add(value);
            }
            return new Fields(values);
        }

        boolean has(int field) {
            return values.containsKey(field);
        }

        Fields message(int field) {
            return Fields.of(bytes(field));
        }

        List<Fields> messages(int field) {
            return values.getOrDefault(field, List.of()).stream().map(v -> Fields.of((byte[]) v)).toList();
        }

        byte[] bytes(int field) {
            assertThat(values).as("field %d", field).containsKey(field);
            return (byte[]) values.get(field).get(0);
        }

        String string(int field) {
            return new String(bytes(field), UTF_8);
        }

        long number(int field) {
            assertThat(values).as("field %d", field).containsKey(field);
            return (Long) values.get(field).get(0);
        }
    }
}
