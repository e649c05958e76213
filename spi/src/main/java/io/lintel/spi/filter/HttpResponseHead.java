package io.lintel.spi.filter;

/** The status and headers of a response on its way to the client, mutable by filters. Not thread-safe. */
public interface HttpResponseHead {

    int status();

    void status(int status);

    HttpHeadersView headers();
}
