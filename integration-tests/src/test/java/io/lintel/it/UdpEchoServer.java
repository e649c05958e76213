package io.lintel.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * A UDP echo backend on loopback: every datagram is answered to its sender with {@code "<name>:<datagram>"}, so a
 * test tells which backend a flow reached. One daemon thread; close it after the test.
 */
final class UdpEchoServer implements AutoCloseable {

    private final String name;
    private final DatagramSocket socket;
    private final Thread thread;

    UdpEchoServer(String name) throws SocketException {
        this.name = name;
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "udp-echo-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] answer = (name + ":" + new String(packet.getData(), 0, packet.getLength(),
                        StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (IOException e) {
                // closed: the loop ends
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
