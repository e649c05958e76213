package io.lintel.core.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A UDP client on loopback with a port of its own (one flow of the gateway), connected to the gateway's socket so
 * that only its answers count, as the conformance suite's UDP client is.
 */
public final class UdpClient implements AutoCloseable {

    private final DatagramSocket socket;

    public UdpClient(int gatewayPort) throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gatewayPort));
    }

    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] datagram) throws IOException {
        socket.send(new DatagramPacket(datagram, datagram.length));
    }

    /** The next datagram as text, or null when none comes within {@code timeoutMillis}. */
    public String receive(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code text} and returns the answer. UDP may lose a datagram (and the gateway drops the first ones of a
     * flow whose backend socket is not connected yet beyond a few): tries a few times before giving up with null.
     */
    public String exchange(String text) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            send(text);
            String answer = receive(2_000);
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
