package io.lintel.plugin.filter.extauth;

import static java.util.Objects.requireNonNull;

import io.lintel.plugin.filter.extauth.AuthVerdict.HeaderChange;
import io.lintel.plugin.filter.extauth.AuthVerdict.Mode;
import io.lintel.spi.filter.CalloutRequest;
import io.lintel.spi.filter.CalloutResponse;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.HttpRequestHead;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GEP-1494's GRPC protocol: Envoy's {@code ext_authz} v3 {@code Authorization/Check} over HTTP/2 (the Service port
 * must speak it: {@code appProtocol: kubernetes.io/h2c}, or TLS with a BackendTLSPolicy). The {@code CheckRequest}
 * carries the client's address and the gateway's, the time, and the request: method, headers (those of
 * {@code grpc.allowedHeaders}, by default {@code Authorization}, {@code Location}, {@code Proxy-Authenticate},
 * {@code Set-Cookie}, {@code WWW-Authenticate}; lower case, repeated values joined with commas), path, host, scheme
 * and, with {@code forwardBody}, the body ({@code body} when it is UTF-8, else {@code raw_body}). A
 * {@code CheckResponse} with status {@code OK} allows, with its {@code ok_response} header changes; any other status
 * denies, with its {@code denied_response} (status, default 403; headers; body). A call that fails (not HTTP 200, a
 * {@code grpc-status} other than 0, a malformed message) is no answer: the filter refuses the request.
 *
 * <p>Field numbers are those of {@code envoy/service/auth/v3/external_auth.proto}, {@code attribute_context.proto},
 * {@code envoy/config/core/v3/base.proto} and {@code address.proto}, and {@code google/rpc/status.proto}.
 */
final class GrpcAuthProtocol implements AuthProtocol {

    static final String PATH = "/envoy.service.auth.v3.Authorization/Check";
    /** What GEP-1494 sends when {@code grpc.allowedHeaders} is empty. */
    static final Set<String> DEFAULT_HEADERS = Set.of("authorization", "location", "proxy-authenticate", "set-cookie",
            "www-authenticate");
    private static final int GRPC_PREFIX = 5;
    private static final int DEFAULT_DENIAL_STATUS = 403;

    private final ExternalAuthSettings settings;
    private final Clock clock;

    GrpcAuthProtocol(ExternalAuthSettings settings, Clock clock) {
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public CalloutRequest request(ExternalAuthSpec spec, HttpRequestHead client, HttpRequestContext context,
            byte[] body) {
        byte[] check = new ProtoWriter().message(1, attributes(spec, client, context, body)).toByteArray();
        byte[] framed = ByteBuffer.allocate(GRPC_PREFIX + check.length).put((byte) 0).putInt(check.length).put(check)
                .array();
        List<Map.Entry<String, String>> headers = List.of(Map.entry("content-type", "application/grpc"),
                Map.entry("te", "trailers"),
                Map.entry("grpc-timeout", settings.timeout().toMillis() + "m"));
        return new CalloutRequest("POST", PATH, "ext-authz", headers, framed, settings.timeout(),
                settings.maxAnswerBytes());
    }

    private ProtoWriter attributes(ExternalAuthSpec spec, HttpRequestHead client, HttpRequestContext context,
            byte[] body) {
        ProtoWriter attributes = new ProtoWriter();
        if (context != null) {
            peer(attributes, 1, context.remoteAddress());
            peer(attributes, 2, context.localAddress());
        }
        Instant now = clock.instant();
        ProtoWriter time = new ProtoWriter().int64(1, now.getEpochSecond()).int64(2, now.getNano());
        ProtoWriter http = new ProtoWriter()
                .string(1, client.headers().get("x-request-id"))
                .string(2, client.method());
        boolean byDefault = spec.allowedHeaders().isEmpty();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : client.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (byDefault ? DEFAULT_HEADERS.contains(name) : spec.allowedHeaders().contains(name)) {
                headers.merge(name, header.getValue(), (first, next) -> first + "," + next);
            }
        }
        headers.forEach((name, value) -> http.mapEntry(3, name, value));
        http.string(4, client.pathAndQuery())
                .string(5, client.authority())
                .string(6, client.scheme())
                .int64(9, body.length);
        String text = utf8(body);
        if (text != null) {
            http.string(11, text);
        } else {
            http.bytes(12, body);
        }
        return attributes.message(4, new ProtoWriter().message(1, time).message(2, http));
    }

    /** {@code Peer.address.socket_address}: address and port. */
    private static void peer(ProtoWriter attributes, int field, SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            ProtoWriter socket = new ProtoWriter().string(2, inet.getAddress().getHostAddress()).int64(3, inet.getPort());
            attributes.message(field, new ProtoWriter().message(1, new ProtoWriter().message(1, socket)));
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public AuthVerdict verdict(ExternalAuthSpec spec, CalloutResponse answer) {
        if (answer.status() != 200) {
            throw new IllegalArgumentException("the Check call was answered HTTP " + answer.status());
        }
        String grpcStatus = answer.trailer("grpc-status").or(() -> answer.header("grpc-status"))
                .orElseThrow(() -> new IllegalArgumentException("the Check call ended without grpc-status"));
        if (!grpcStatus.equals("0")) {
            throw new IllegalArgumentException("the Check call failed with grpc-status " + grpcStatus + " "
                    + answer.trailer("grpc-message").or(() -> answer.header("grpc-message")).orElse(""));
        }
        return checkResponse(message(answer.body()));
    }

    /** The one message of a unary call's body: compressed flag 0, 4-byte length, message. */
    private static byte[] message(byte[] body) {
        if (body.length < GRPC_PREFIX) {
            throw new IllegalArgumentException("the Check call answered no message");
        }
        ByteBuffer framed = ByteBuffer.wrap(body);
        if (framed.get() != 0) {
            throw new IllegalArgumentException("the Check call answered a compressed message, which was not asked for");
        }
        int length = framed.getInt();
        if (length < 0 || length != framed.remaining()) {
            throw new IllegalArgumentException("the Check call's message is framed as " + length + " bytes, "
                    + framed.remaining() + " followed");
        }
        byte[] message = new byte[length];
        framed.get(message);
        return message;
    }

    private static AuthVerdict checkResponse(byte[] message) {
        long code = 0;
        ProtoReader denied = null;
        ProtoReader ok = null;
        ProtoReader response = new ProtoReader(message);
        while (response.next()) {
            switch (response.field()) {
                case 1 -> code = statusCode(response.message());
                case 2 -> denied = response.message();
                case 3 -> ok = response.message();
                default -> { } // dynamic_metadata: nothing here consumes it
            }
        }
        return code == 0 ? allow(ok) : deny(denied);
    }

    private static long statusCode(ProtoReader status) {
        long code = 0;
        while (status.next()) {
            if (status.field() == 1) {
                code = status.varint();
            }
        }
        return code;
    }

    private static AuthVerdict allow(ProtoReader ok) {
        List<HeaderChange> requestChanges = new ArrayList<>();
        List<String> removals = new ArrayList<>();
        List<HeaderChange> responseChanges = new ArrayList<>();
        while (ok != null && ok.next()) {
            switch (ok.field()) {
                case 2 -> requestChanges.add(headerValueOption(ok.message()));
                case 5 -> {
                    String name = ok.string().toLowerCase(Locale.ROOT);
                    // pseudo-headers and Host stay: without them the request would be malformed
                    if (!name.startsWith(":") && !name.equals("host")) {
                        removals.add(name);
                    }
                }
                case 6 -> responseChanges.add(headerValueOption(ok.message()));
                default -> { }
            }
        }
        return new AuthVerdict.Allow(requestChanges, removals, responseChanges);
    }

    private static AuthVerdict deny(ProtoReader denied) {
        int status = DEFAULT_DENIAL_STATUS;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String contentType = null;
        byte[] body = new byte[0];
        while (denied != null && denied.next()) {
            switch (denied.field()) {
                case 1 -> {
                    long code = statusCode(denied.message());
                    status = code >= 200 && code <= 599 ? (int) code : DEFAULT_DENIAL_STATUS;
                }
                case 2 -> {
                    HeaderChange header = headerValueOption(denied.message());
                    if (header.name().equals("content-type")) {
                        contentType = header.value();
                    } else {
                        headers.add(Map.entry(header.name(), header.value()));
                    }
                }
                case 3 -> body = denied.string().getBytes(StandardCharsets.UTF_8);
                default -> { }
            }
        }
        return new AuthVerdict.Deny(status, contentType, headers, body);
    }

    /**
     * A {@code HeaderValueOption}: {@code header} (key, value or raw_value), then how to apply it: the deprecated
     * {@code append} when set (true: append, false: overwrite), else {@code append_action}; with neither,
     * overwrite, as {@code ext_authz} documents for its answers ("{@code append} defaults to false").
     */
    private static HeaderChange headerValueOption(ProtoReader option) {
        String key = "";
        String value = "";
        Mode mode = null;
        while (option.next()) {
            switch (option.field()) {
                case 1 -> {
                    ProtoReader header = option.message();
                    while (header.next()) {
                        switch (header.field()) {
                            case 1 -> key = header.string();
                            case 2 -> value = header.string();
                            case 3 -> value = value.isEmpty() ? header.string() : value;
                            default -> { }
                        }
                    }
                }
                case 2 -> {
                    ProtoReader append = option.message();
                    boolean appends = false;
                    while (append.next()) {
                        appends = append.field() == 1 && append.varint() != 0;
                    }
                    mode = appends ? Mode.APPEND : Mode.OVERWRITE;
                }
                case 3 -> {
                    if (mode == null) {
                        mode = switch ((int) option.varint()) {
                            case 0 -> Mode.APPEND;
                            case 1 -> Mode.ADD_IF_ABSENT;
                            case 3 -> Mode.OVERWRITE_IF_EXISTS;
                            default -> Mode.OVERWRITE;
                        };
                    }
                }
                default -> { }
            }
        }
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a header of the answer has no key");
        }
        return new HeaderChange(key.toLowerCase(Locale.ROOT), value, mode == null ? Mode.OVERWRITE : mode);
    }
}
