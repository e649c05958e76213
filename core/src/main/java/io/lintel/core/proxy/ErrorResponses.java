package io.lintel.core.proxy;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** Responses the proxy answers itself, and the status that a failure maps to. */
public final class ErrorResponses {

    private ErrorResponses() {}

    /** An empty-bodied response; with {@code close} it tells an HTTP/1.1 client that the connection ends. */
    public static FullHttpResponse create(int status, boolean close) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** 414 for a too-long request line, 431 for too-large headers, 400 for anything else the decoder rejected. */
    public static int statusForDecodeFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG.code();
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE.code();
        }
        return HttpResponseStatus.BAD_REQUEST.code();
    }

    /**
     * The status for a failed filter stage: the {@link ProxyException}'s, 504 for a timeout, 503 when no connection
     * could be made, else 500 (a filter failed).
     */
    public static int statusForFailure(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ProxyException proxy) {
            return proxy.status();
        }
        if (cause instanceof TimeoutException) {
            return HttpResponseStatus.GATEWAY_TIMEOUT.code();
        }
        if (cause instanceof ConnectException) {
            return HttpResponseStatus.SERVICE_UNAVAILABLE.code();
        }
        return HttpResponseStatus.INTERNAL_SERVER_ERROR.code();
    }
}
