package io.lintel.core.route;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * What route matching reads from one request. Mutable and reusable: a connection (or h2 stream) keeps one and
 * {@link #reset}s it per request, so matching allocates nothing unless a query parameter condition forces the
 * query to be parsed (at most once per request). Not thread-safe.
 */
public final class RouteRequest {

    private String method = "GET";
    private String uri = "/";
    private String path = "/";
    private HttpHeaders headers = EmptyHttpHeaders.INSTANCE;
    private Map<String, List<String>> queryParams;

    /** Points this view at a new request; {@code uri} is the request target as received. */
    public RouteRequest reset(String method, String uri, HttpHeaders headers) {
        this.method = method;
        this.uri = uri;
        this.path = pathOf(uri);
        this.headers = headers;
        this.queryParams = null;
        return this;
    }

    public String method() {
        return method;
    }

    /** The path, without query and fragment. */
    public String path() {
        return path;
    }

    /** The first value of a header (names are case-insensitive), or null. */
    public String header(CharSequence name) {
        return headers.get(name);
    }

    /** The first value of a query parameter (names compared exactly, values percent-decoded), or null. */
    public String queryParam(String name) {
        Map<String, List<String>> params = queryParams;
        if (params == null) {
            params = uri.indexOf('?') < 0 ? Map.of() : new QueryStringDecoder(uri).parameters();
            queryParams = params;
        }
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String pathOf(String uri) {
        int start = 0;
        if (!uri.isEmpty() && uri.charAt(0) != '/') {
            // absolute-form ("http://host/path"): the path starts after the authority
            int scheme = uri.indexOf("://");
            if (scheme >= 0) {
                int slash = uri.indexOf('/', scheme + 3);
                if (slash < 0) {
                    return "/";
                }
                start = slash;
            }
        }
        int end = uri.length();
        for (int i = start; i < end; i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        if (start == 0 && end == uri.length()) {
            return uri.isEmpty() ? "/" : uri;
        }
        return start == end ? "/" : uri.substring(start, end);
    }
}
