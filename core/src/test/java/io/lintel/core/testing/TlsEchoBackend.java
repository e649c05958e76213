package io.lintel.core.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.stream.Collectors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * An HTTPS backend on loopback (JDK TLS provider) that answers every request with 200 and the body
 * {@code sni=<server name sent>;client=<client certificate subject or none>}, and the negotiated protocol and cipher
 * suite in the headers {@code x-tls-protocol} and {@code x-tls-cipher}. With a client CA it requires a client
 * certificate signed by that CA.
 */
public final class TlsEchoBackend implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    /** @param clientCa when not null, a client certificate signed by it is required */
    public TlsEchoBackend(TestCertificateAuthority.Issued serving, X509Certificate clientCa) throws Exception {
        this(serving, clientCa, new String[0]);
    }

    /**
     * @param clientCa when not null, a client certificate signed by it is required
     * @param protocols the TLS versions it accepts (JSSE names); none: the JDK's defaults
     */
    public TlsEchoBackend(TestCertificateAuthority.Issued serving, X509Certificate clientCa, String... protocols)
            throws Exception {
        SslContextBuilder builder = SslContextBuilder.forServer(serving.key(), serving.certificate())
                .sslProvider(SslProvider.JDK);
        if (protocols.length > 0) {
            builder.protocols(protocols);
        }
        if (clientCa != null) {
            builder.trustManager(clientCa).clientAuth(ClientAuth.REQUIRE);
        }
        SslContext context = builder.build();
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(1 << 20), new Echo());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            SSLSession session = ctx.pipeline().get(SslHandler.class).engine().getSession();
            String sni = session instanceof ExtendedSSLSession extended
                    ? extended.getRequestedServerNames().stream().filter(SNIHostName.class::isInstance)
                            .map(n -> ((SNIHostName) n).getAsciiName()).collect(Collectors.joining(","))
                    : "";
            String client;
            try {
                Certificate[] peer = session.getPeerCertificates();
                client = ((X509Certificate) peer[0]).getSubjectX500Principal().getName();
            } catch (SSLPeerUnverifiedException e) {
                client = "none";
            }
            byte[] body = ("sni=" + sni + ";client=" + client).getBytes(StandardCharsets.UTF_8);
            DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            // what the client (the data plane) negotiated, for tests of its TLS options
            response.headers().set("x-tls-protocol", session.getProtocol());
            response.headers().set("x-tls-cipher", session.getCipherSuite());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }
}
