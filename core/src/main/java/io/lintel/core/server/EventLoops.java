package io.lintel.core.server;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The data plane's event loops and the channel classes that go with their transport: epoll when the native
 * transport is available, NIO otherwise. Frontend and backend connections share these loops (a backend connection
 * runs on the loop of the frontend that uses it).
 */
public final class EventLoops implements AutoCloseable {

    private final MultiThreadIoEventLoopGroup group;
    private final int threads;
    private final boolean epoll;

    /**
     * @param threads event loop threads; 0 or less means {@code Runtime.availableProcessors()}
     * @param preferNative use epoll when available (false forces NIO)
     */
    public EventLoops(int threads, boolean preferNative) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.epoll = preferNative && Epoll.isAvailable();
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(this.threads, new DefaultThreadFactory("lintel-io", true), factory);
    }

    /** Probes the native transport ahead of time (it loads a native library); see {@code StartupPreparation}. */
    public static void prepare() {
        Epoll.isAvailable();
    }

    /** Epoll when available, one thread per available processor. */
    public static EventLoops withDefaults() {
        return new EventLoops(0, true);
    }

    public MultiThreadIoEventLoopGroup group() {
        return group;
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends Channel> socketChannelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The class of UDP sockets: listeners' datagram sockets and the connected ones of their flows. */
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /** {@code epoll} or {@code nio}, for logs. */
    public String transportName() {
        return epoll ? "epoll" : "nio";
    }

    public int threads() {
        return threads;
    }

    /** Shuts the loops down and waits (up to a few seconds) until they have stopped. Never call on an event loop. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
