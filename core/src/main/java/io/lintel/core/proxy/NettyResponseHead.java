package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpResponseHead;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;

/** {@link HttpResponseHead} over a backend's Netty response on its way to the client. */
public final class NettyResponseHead implements HttpResponseHead {

    private final HttpResponse response;
    private HttpHeadersView headers;

    public NettyResponseHead(HttpResponse response) {
        this.response = requireNonNull(response, "response");
    }

    @Override
    public int status() {
        return response.status().code();
    }

    @Override
    public void status(int status) {
        response.setStatus(HttpResponseStatus.valueOf(status));
    }

    @Override
    public HttpHeadersView headers() {
        HttpHeadersView view = headers;
        if (view == null) {
            view = new NettyHeadersView(response.headers());
            headers = view;
        }
        return view;
    }

    HttpResponse response() {
        return response;
    }
}
