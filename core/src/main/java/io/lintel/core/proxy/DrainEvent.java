package io.lintel.core.proxy;

/**
 * Fired down an HTTP/1.x client connection's pipeline when the gateway starts to stop: {@link ProxyHandler} closes the
 * connection at once when no request is in progress, else says {@code Connection: close} on the response in progress
 * (if its head is not written yet) and closes the connection once it is written. HTTP/2 connections are drained by
 * their codec instead (GOAWAY), see {@code ConnectionDrain}.
 */
public enum DrainEvent {
    INSTANCE
}
