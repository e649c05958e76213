package io.lintel.core.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A UDP echo backend on loopback, as the conformance suite's UDP echo: every datagram is answered to its sender with
 * {@code "<name>:<datagram>"}. It remembers the addresses it heard from, so that a test can tell the gateway's flows
 * apart (each flow sends from a socket of its own). One thread; close it after the test.
 */
public final class UdpEchoBackend implements AutoCloseable {

    private final String name;
    private final DatagramSocket socket;
    private final Set<SocketAddress> senders = ConcurrentHashMap.newKeySet();
    private final Thread thread;

    public UdpEchoBackend(String name) throws SocketException {
        this.name = name;
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "udp-echo-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The distinct source addresses of the datagrams received so far (one per flow of the gateway). */
    public Set<SocketAddress> senders() {
        return Set.copyOf(senders);
    }

    private void serve() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                senders.add(packet.getSocketAddress());
                byte[] answer = (name + ":" + new String(packet.getData(), 0, packet.getLength(),
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
