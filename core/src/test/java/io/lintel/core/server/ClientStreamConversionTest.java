package io.lintel.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.MaxMessagesRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ClientStreamConversion} and {@link ClientStreamCodec}'s use of it give what Netty's own conversion
 * ({@link Http2StreamFrameToHttpObjectCodec}) gives, for the heads it converts and the ones it leaves to Netty.
 */
@ExtendWith(NettyLeakDetection.class)
class ClientStreamConversionTest {

    private static Http2Headers get() {
        return new DefaultHttp2Headers().method("GET").path("/p?q=1").scheme("http").authority("example.com")
                .add("user-agent", "h2load").add("cookie", "a=1").add("cookie", "b=2").add("accept", "*/*");
    }

    /** What Netty's codec makes of {@code frame} (the message it passes on). */
    private static HttpObject nettyDecodes(DefaultHttp2HeadersFrame frame) {
        EmbeddedChannel netty = new EmbeddedChannel(new Http2StreamFrameToHttpObjectCodec(true));
        netty.writeInbound(frame);
        HttpObject decoded = netty.readInbound();
        netty.finishAndReleaseAll();
        return decoded;
    }

    private static Map<String, List<String>> sorted(HttpHeaders headers) {
        Map<String, List<String>> sorted = new TreeMap<>();
        for (String name : headers.names()) {
            sorted.put(name.toLowerCase(), headers.getAll(name));
        }
        return sorted;
    }

    private static Map<String, List<String>> sorted(Http2Headers headers) {
        Map<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<CharSequence, CharSequence> entry : headers) {
            sorted.computeIfAbsent(entry.getKey().toString(), name -> new ArrayList<>()).add(entry.getValue().toString());
        }
        return sorted;
    }

    @Test
    void aRequestEndedByItsHeadersIsWhatNettyMakesWithoutABufferOrTrailers() throws Exception {
        HttpRequest ours = ClientStreamConversion.requestHead(new DefaultHttp2HeadersFrame(get(), true));
        HttpObject netty = nettyDecodes(new DefaultHttp2HeadersFrame(get(), true));
        try {
            assertThat(ours).isInstanceOf(FullHttpRequest.class);
            FullHttpRequest full = (FullHttpRequest) ours;
            assertThat(full.content().capacity()).isZero();
            assertThat(full.trailingHeaders().isEmpty()).isTrue();
            HttpRequest expected = (HttpRequest) netty;
            assertThat(ours.method()).isEqualTo(expected.method());
            assertThat(ours.uri()).isEqualTo("/p?q=1").isEqualTo(expected.uri());
            assertThat(ours.protocolVersion()).isEqualTo(expected.protocolVersion());
            assertThat(sorted(ours.headers())).isEqualTo(sorted(expected.headers()))
                    .containsEntry("host", List.of("example.com")).containsKey("cookie");
        } finally {
            ReferenceCountUtil.release(ours);
            ReferenceCountUtil.release(netty);
        }
    }

    @Test
    void aRequestWithABodyOfUnknownLengthIsChunkedAsNettyMakesIt() throws Exception {
        Http2Headers post = get().method("POST");
        HttpRequest ours = ClientStreamConversion.requestHead(new DefaultHttp2HeadersFrame(post, false));
        HttpObject netty = nettyDecodes(new DefaultHttp2HeadersFrame(post, false));
        assertThat(ours).isNotInstanceOf(LastHttpContent.class);
        assertThat(sorted(ours.headers())).isEqualTo(sorted(((HttpRequest) netty).headers()))
                .containsEntry("transfer-encoding", List.of("chunked"));

        Http2Headers sized = get().method("POST").set("content-length", "3");
        HttpRequest withLength = ClientStreamConversion.requestHead(new DefaultHttp2HeadersFrame(sized, false));
        assertThat(withLength.headers().contains("transfer-encoding")).isFalse();
        assertThat(withLength.headers().get("content-length")).isEqualTo("3");
    }

    @Test
    void aConnectRequestTargetsItsAuthority() throws Exception {
        Http2Headers connect = new DefaultHttp2Headers().method("CONNECT").authority("backend:443");
        HttpRequest ours = ClientStreamConversion.requestHead(new DefaultHttp2HeadersFrame(connect, false));
        assertThat(ours.uri()).isEqualTo("backend:443");
    }

    @Test
    void headersNettyRefusesAreAStreamErrorAsBefore() {
        Http2Headers conflicting = get().add("host", "other.example");
        assertThatThrownBy(() -> ClientStreamConversion.requestHead(new DefaultHttp2HeadersFrame(conflicting, true)))
                .isInstanceOfSatisfying(Http2Exception.class,
                        e -> assertThat(e.error()).isEqualTo(Http2Error.PROTOCOL_ERROR));
    }

    @Test
    void trailersAndHeadsWithoutAMethodAreLeftToNetty() throws Exception {
        Http2Headers trailers = new DefaultHttp2Headers().add("grpc-status", "0");
        assertThat(ClientStreamConversion.requestHead(new DefaultHttp2HeadersFrame(trailers, true))).isNull();
        assertThat(ClientStreamConversion.requestHead(
                new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().method("GET"), true))).isNull();
    }

    @Test
    void aResponseHeadIsWhatNettyMakes() throws Exception {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().add("Content-Type", "text/plain").add("Content-Length", "64").add("Keep-Alive", "5")
                .add("Transfer-Encoding", "chunked").add("Host", "h").add("Upgrade", "x")
                .add("Proxy-Connection", "close").add("Set-Cookie", "a=1").add("Set-Cookie", "b=2").add("X-Up", "A");
        Http2Headers ours = ClientStreamConversion.responseHeaders(response);
        assertThat(sorted(ours)).isEqualTo(sorted(HttpConversionUtil.toHttp2Headers(response, true)))
                .containsEntry(":status", List.of("200")).containsEntry("set-cookie", List.of("a=1", "b=2"))
                .doesNotContainKeys("keep-alive", "transfer-encoding", "host", "upgrade", "proxy-connection");
    }

    @Test
    void aResponseWithHeadersNettyRewritesIsLeftToNetty() {
        for (String name : List.of("Connection", "TE", "Cookie", "x-http2-stream-id")) {
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers().add(name, "trailers");
            assertThat(ClientStreamConversion.responseHeaders(response)).as(name).isNull();
        }
    }

    /** The frames the codec writes for a response message. */
    private static List<Object> encoded(HttpObject message) {
        EmbeddedChannel stream = new EmbeddedChannel(new ClientStreamCodec(0, null));
        stream.writeOutbound(message);
        List<Object> frames = new ArrayList<>();
        for (Object frame; (frame = stream.readOutbound()) != null; ) {
            frames.add(frame);
        }
        stream.finishAndReleaseAll();
        return frames;
    }

    private static String describe(List<Object> frames) {
        StringBuilder described = new StringBuilder();
        for (Object frame : frames) {
            if (frame instanceof Http2HeadersFrame headers) {
                described.append("HEADERS").append(headers.isEndStream() ? "(end) " : " ");
            } else if (frame instanceof Http2DataFrame data) {
                described.append("DATA ").append(data.content().toString(StandardCharsets.US_ASCII))
                        .append(data.isEndStream() ? "(end) " : " ");
            }
            ReferenceCountUtil.release(frame);
        }
        return described.toString().trim();
    }

    private static FullHttpResponse whole(String body) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.US_ASCII));
    }

    @Test
    void aWholeResponseIsFramedAsNettyFramesIt() {
        assertThat(describe(encoded(whole("")))).isEqualTo("HEADERS(end)");
        assertThat(describe(encoded(whole("hello")))).isEqualTo("HEADERS DATA hello(end)");
        FullHttpResponse grpc = whole("msg");
        grpc.headers().add("content-type", "application/grpc");
        grpc.trailingHeaders().add("grpc-status", "0");
        List<Object> frames = encoded(grpc);
        assertThat(((Http2HeadersFrame) frames.get(2)).headers().get("grpc-status").toString()).isEqualTo("0");
        assertThat(describe(frames)).isEqualTo("HEADERS DATA msg HEADERS(end)");
        FullHttpResponse trailersOnly = whole("");
        trailersOnly.trailingHeaders().add("grpc-status", "14");
        assertThat(describe(encoded(trailersOnly))).isEqualTo("HEADERS HEADERS(end)");
    }

    @Test
    void aHeadAloneAndAnInterimResponseAreFramedAsBefore() {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().add("Connection", "x-hop").add("X-Hop", "1").add("X-Kept", "2");
        List<Object> frames = encoded(head);
        Http2Headers sent = ((Http2HeadersFrame) frames.get(0)).headers();
        assertThat(sent.contains("x-hop")).as("named by Connection: Netty's conversion drops it").isFalse();
        assertThat(sent.get("x-kept").toString()).isEqualTo("2");
        assertThat(describe(frames)).isEqualTo("HEADERS");
        FullHttpResponse interim = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE);
        assertThat(describe(encoded(interim))).isEqualTo("HEADERS");
    }

    @Test
    void aStreamChannelCountsItsReadsWithoutSizingBuffers() {
        EmbeddedChannel stream = new EmbeddedChannel(new ClientStreamCodec(0, null));
        RecvByteBufAllocator reads = stream.config().getRecvByteBufAllocator();
        assertThat(reads).isSameAs(ClientStreamCodec.STREAM_READS);
        assertThat(((MaxMessagesRecvByteBufAllocator) reads).maxMessagesPerRead()).isEqualTo(16);
        stream.finishAndReleaseAll();
    }
}
