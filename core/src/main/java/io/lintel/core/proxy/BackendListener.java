package io.lintel.core.proxy;

import io.netty.handler.codec.http.HttpObject;

/** The exchange a backend connection currently serves; every call arrives on the connection's event loop. */
interface BackendListener {

    /** A decoded response part; the listener owns it. */
    void onBackendMessage(HttpObject message);

    /**
     * Raw bytes from a connection that switched protocols (after a {@code 101} response, e.g. WebSocket); the listener
     * owns them.
     */
    void onBackendBytes(io.netty.buffer.ByteBuf bytes);

    /** The backend's current read finished. */
    void onBackendReadComplete();

    /** The backend connection can take writes again. */
    void onBackendWritable();

    /** The connection closed or failed while serving this exchange. */
    void onBackendClosed();
}
