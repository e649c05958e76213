package io.lintel.core.server;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the event loops do their I/O, and the channel classes that go with it. io_uring submits a loop's reads and
 * writes in one system call per turn instead of one each: on the loopback benchmark a request cost ~8% less CPU than
 * on epoll, all of it the kernel's share ({@code docs/scale.md}). It is missing on old kernels, where
 * {@code kernel.io_uring_disabled} is set, and in containers whose seccomp profile forbids it, hence {@link #AUTO}.
 */
public enum IoTransport {
    /** io_uring where the kernel allows it, else epoll, else NIO. */
    AUTO,
    IO_URING,
    EPOLL,
    NIO;

    /** The setting ({@code eventLoops.transport}): {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}. */
    public static final String PROPERTY = "lintel.eventLoops.transport";

    /**
     * Netty's io_uring readiness by multishot poll (4.2.18) can miss a reset that arrives right after data: the
     * channel then never learns that its peer is gone (a backend failing mid-response hung its client; 7 of 20
     * connections in a loopback test, none with single-shot polls, none on epoll). Read by {@code IoUring}'s static
     * initializer, so set before anything touches it; a value given on the command line is kept.
     */
    static final String MULTISHOT_POLL_PROPERTY = "io.netty.iouring.pollAddMultishotEnabled";

    static {
        if (System.getProperty(MULTISHOT_POLL_PROPERTY) == null) {
            System.setProperty(MULTISHOT_POLL_PROPERTY, "false");
        }
    }

    /** The setting's values, in declaration order: {@code auto, io_uring, epoll, nio}. */
    public static List<String> settingValues() {
        return Arrays.stream(values()).map(IoTransport::settingValue).toList();
    }

    /** The transport the setting names ({@code auto} when unset). */
    public static IoTransport configured() {
        String value = System.getProperty(PROPERTY, AUTO.settingValue()).trim();
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> choices = settingValues();
            throw new IllegalArgumentException(PROPERTY + ": " + value + " (expected: "
                    + String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1)
                    + ")");
        }
    }

    /**
     * The transport to run: {@link #AUTO} becomes the best available one; one named explicitly must be available
     * (a setting that asks for io_uring on a kernel without it is an error, not a silent fallback).
     *
     * @throws IllegalStateException when the named transport is unavailable here, with the reason
     */
    public IoTransport resolve() {
        return switch (this) {
            case AUTO -> IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
            case IO_URING -> require(IoUring.isAvailable(), IoUring.unavailabilityCause());
            case EPOLL -> require(Epoll.isAvailable(), Epoll.unavailabilityCause());
            case NIO -> NIO;
        };
    }

    private IoTransport require(boolean available, Throwable cause) {
        if (!available) {
            throw new IllegalStateException(PROPERTY + ": " + settingValue() + " is not available here: " + cause,
                    cause);
        }
        return this;
    }

    /** Loads the configured transport's native library ahead of time (see {@code StartupPreparation}). */
    static void probe() {
        configured().resolve();
    }

    IoHandlerFactory ioHandlerFactory() {
        return switch (resolved()) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            default -> NioIoHandler.newFactory();
        };
    }

    Class<? extends ServerChannel> serverChannelClass() {
        return switch (resolved()) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            default -> NioServerSocketChannel.class;
        };
    }

    Class<? extends Channel> socketChannelClass() {
        return switch (resolved()) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            default -> NioSocketChannel.class;
        };
    }

    Class<? extends DatagramChannel> datagramChannelClass() {
        return switch (resolved()) {
            case IO_URING -> IoUringDatagramChannel.class;
            case EPOLL -> EpollDatagramChannel.class;
            default -> NioDatagramChannel.class;
        };
    }

    /** The name the settings file uses: {@code io_uring}, {@code epoll}, {@code nio}, {@code auto}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    private IoTransport resolved() {
        if (this == AUTO) {
            throw new IllegalStateException("resolve() the transport first");
        }
        return this;
    }
}
