package io.lintel.testkit;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpRequestHead;

/** A mutable {@link HttpRequestHead}; {@link #authority()} stays the client's, {@link #backendAuthority()} shows changes. */
public final class FakeRequestHead implements HttpRequestHead {

    private final String method;
    private final String scheme;
    private final String authority;
    private final FakeHeaders headers;
    private String backendAuthority;
    private String pathAndQuery;
    private String matchedPathPrefix = "";

    public FakeRequestHead(String method, String scheme, String authority, String pathAndQuery, FakeHeaders headers) {
        this.method = requireNonNull(method, "method");
        this.scheme = requireNonNull(scheme, "scheme");
        this.authority = requireNonNull(authority, "authority");
        this.backendAuthority = authority;
        this.pathAndQuery = requireNonNull(pathAndQuery, "pathAndQuery");
        this.headers = requireNonNull(headers, "headers");
    }

    /** A GET with no headers. */
    public static FakeRequestHead get(String scheme, String authority, String pathAndQuery) {
        return new FakeRequestHead("GET", scheme, authority, pathAndQuery, new FakeHeaders());
    }

    /** Sets what {@link #matchedPathPrefix()} answers. */
    public FakeRequestHead matchedBy(String pathPrefix) {
        this.matchedPathPrefix = requireNonNull(pathPrefix, "pathPrefix");
        return this;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String scheme() {
        return scheme;
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public void authority(String authority) {
        this.backendAuthority = requireNonNull(authority, "authority");
    }

    /** The authority as it would be sent to the backend. */
    public String backendAuthority() {
        return backendAuthority;
    }

    @Override
    public String pathAndQuery() {
        return pathAndQuery;
    }

    @Override
    public void pathAndQuery(String pathAndQuery) {
        this.pathAndQuery = requireNonNull(pathAndQuery, "pathAndQuery");
    }

    @Override
    public FakeHeaders headers() {
        return headers;
    }

    @Override
    public String matchedPathPrefix() {
        return matchedPathPrefix;
    }
}
