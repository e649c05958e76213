package io.lintel.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.lintel.core.testing.H2cTestServers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An Envoy {@code ext_authz} v3 authorization service for tests: gRPC over HTTP/2 cleartext on a loopback port,
 * answering {@code /envoy.service.auth.v3.Authorization/Check}. A check whose request carries the header value
 * {@code Bearer good} is allowed with {@code x-user: alice} set on the forwarded request; any other is denied with
 * HTTP 401, {@code www-authenticate: Bearer} and the body {@code denied by grpc}. The test reads the check's
 * message as bytes (it looks for that value, it does not decode protobuf); the answers are written field by field,
 * with the field numbers of Envoy's {@code external_auth.proto}, {@code base.proto} and {@code google.rpc.Status}.
 */
final class ExtAuthzGrpcServer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    /** The {@code :path} of every call, in arrival order. */
    final List<String> paths = new CopyOnWriteArrayList<>();
    /** The message of every call (without the gRPC prefix). */
    final List<byte[]> checks = new CopyOnWriteArrayList<>();

    ExtAuthzGrpcServer() throws InterruptedException {
        server = H2cTestServers.bind(group, Check::new);
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Check extends SimpleChannelInboundHandler<Http2StreamFrame> {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
            boolean ended = false;
            if (frame instanceof Http2HeadersFrame headers) {
                paths.add(String.valueOf(headers.headers().path()));
                ended = headers.isEndStream();
            } else if (frame instanceof Http2DataFrame data) {
                body.writeBytes(ByteBufUtil.getBytes(data.content()));
                ended = data.isEndStream();
            }
            if (ended) {
                byte[] framed = body.toByteArray();
                byte[] message = framed.length < 5 ? new byte[0] : java.util.Arrays.copyOfRange(framed, 5, framed.length);
                checks.add(message);
                boolean allowed = new String(message, UTF_8).contains("Bearer good");
                answer(ctx, allowed ? allow() : deny());
            }
        }

        private void answer(ChannelHandlerContext ctx, byte[] response) {
            ByteBuf data = Unpooled.buffer(5 + response.length).writeByte(0).writeInt(response.length)
                    .writeBytes(response);
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                    .set("content-type", "application/grpc")));
            ctx.write(new DefaultHttp2DataFrame(data));
            ctx.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().set("grpc-status", "0"), true));
        }
    }

    /** CheckResponse { status {} ok_response { headers [{ header { key: x-user, value: alice } }] } }. */
    private static byte[] allow() {
        return concat(field(1), field(3, field(2, field(1, field(1, text("x-user")), field(2, text("alice"))))));
    }

    /**
     * CheckResponse { status { code: 16 } denied_response { status { code: 401 },
     * headers [{ header { key: www-authenticate, value: Bearer } }], body: "denied by grpc" } }.
     */
    private static byte[] deny() {
        return concat(field(1, varint(1, 16)), field(2, field(1, varint(1, 401)),
                field(2, field(1, field(1, text("www-authenticate")), field(2, text("Bearer")))),
                field(3, text("denied by grpc"))));
    }

    /** A length-delimited field; every length here is below 128, so it is one byte. */
    private static byte[] field(int number, byte[]... parts) {
        byte[] content = concat(parts);
        return concat(new byte[] {(byte) (number << 3 | 2), (byte) content.length}, content);
    }

    /** A varint field of a value below 16384 (two bytes at most). */
    private static byte[] varint(int number, int value) {
        byte tag = (byte) (number << 3);
        return value < 128 ? new byte[] {tag, (byte) value}
                : new byte[] {tag, (byte) (value & 0x7F | 0x80), (byte) (value >>> 7)};
    }

    private static byte[] text(String value) {
        return value.getBytes(UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
