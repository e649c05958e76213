package io.lintel.it.stamp;

import io.lintel.spi.filter.HttpHeadersView;
import io.lintel.spi.filter.HttpRequestHead;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Core's head with some headers added on top, leaving core's head as it was. */
final class StampedHead implements HttpRequestHead {

    private final HttpRequestHead original;
    private final HttpHeadersView headers;

    StampedHead(HttpRequestHead original, Map<String, String> stamps) {
        this.original = original;
        this.headers = new StampedHeaders(original.headers(), stamps);
    }

    @Override
    public String method() {
        return original.method();
    }

    @Override
    public String scheme() {
        return original.scheme();
    }

    @Override
    public String authority() {
        return original.authority();
    }

    @Override
    public void authority(String authority) {
        original.authority(authority);
    }

    @Override
    public String pathAndQuery() {
        return original.pathAndQuery();
    }

    @Override
    public void pathAndQuery(String pathAndQuery) {
        original.pathAndQuery(pathAndQuery);
    }

    @Override
    public HttpHeadersView headers() {
        return headers;
    }

    /** Reads see the original's headers and the stamps; writes go to the original. */
    private record StampedHeaders(HttpHeadersView original, Map<String, String> stamps) implements HttpHeadersView {

        @Override
        public String get(String name) {
            String stamp = stamp(name);
            return stamp != null ? stamp : original.get(name);
        }

        @Override
        public List<String> getAll(String name) {
            String stamp = stamp(name);
            return stamp != null ? List.of(stamp) : original.getAll(name);
        }

        @Override
        public boolean contains(String name) {
            return stamp(name) != null || original.contains(name);
        }

        @Override
        public void set(String name, String value) {
            original.set(name, value);
        }

        @Override
        public void add(String name, String value) {
            original.add(name, value);
        }

        @Override
        public void remove(String name) {
            original.remove(name);
        }

        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
            List<Map.Entry<String, String>> all = new ArrayList<>();
            original.forEach(all::add);
            all.addAll(stamps.entrySet());
            return all.iterator();
        }

        private String stamp(String name) {
            for (Map.Entry<String, String> stamp : stamps.entrySet()) {
                if (stamp.getKey().equalsIgnoreCase(name)) {
                    return stamp.getValue();
                }
            }
            return null;
        }
    }
}
