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

    /** What a gateway that refuses only CONNECT allows (routes may still answer 404 or 405 for a method). */
    private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH";

    private ErrorResponses() {}

    /** An empty-bodied response; with {@code close} it tells an HTTP/1.1 client that the connection ends. */
    public static FullHttpResponse create(int status, boolean close) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        if (status == 405) {
            // the gateway's own 405 is for CONNECT (RequestTargetValidator); RFC 9110 section 15.5.6 wants Allow
            response.headers().set(HttpHeaderNames.ALLOW, ALLOWED_METHODS);
        }
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /**
     * A gRPC trailers-only response (HTTP 200, {@code content-type: application/grpc}, {@code grpc-status} and
     * {@code grpc-message} in the headers) for a request the gateway answers with {@code httpStatus} itself.
     */
    public static FullHttpResponse createGrpc(int httpStatus, boolean close) {
        FullHttpResponse response = create(200, close);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/grpc");
        response.headers().set("grpc-status", Integer.toString(grpcStatus(httpStatus)));
        // grpc-message is percent-encoded (gRPC over HTTP/2 spec); a reason phrase needs only its spaces encoded
        response.headers().set("grpc-message", ("lintel: " + HttpResponseStatus.valueOf(httpStatus).reasonPhrase())
                .replace(" ", "%20"));
        return response;
    }

    /** Whether a request's {@code content-type} makes it a gRPC call. */
    public static boolean isGrpc(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "application/grpc", 0, 16);
    }

    /**
     * The gRPC status code for an HTTP status the gateway answers (gRPC's HTTP-to-gRPC mapping, with 504, the
     * gateway's own timeout, as DEADLINE_EXCEEDED and 500 as INTERNAL).
     */
    public static int grpcStatus(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> 13;              // INTERNAL
            case 401 -> 16;              // UNAUTHENTICATED
            case 403 -> 7;               // PERMISSION_DENIED
            case 404 -> 12;              // UNIMPLEMENTED
            case 429, 502, 503 -> 14;    // UNAVAILABLE
            case 504 -> 4;               // DEADLINE_EXCEEDED
            case 500 -> 13;              // INTERNAL
            default -> 2;                // UNKNOWN
        };
    }

    /**
     * 414 for a too-long request line, 431 for too-large headers, the status of a {@link RejectedRequest} (a head the
     * codec accepted but Lintel refuses), 400 for anything else the decoder rejected.
     */
    public static int statusForDecodeFailure(Throwable cause) {
        if (cause instanceof RejectedRequest rejected) {
            return rejected.status();
        }
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
