package io.lintel.plugin.filter.extauth;

import io.lintel.plugin.filter.extauth.AuthVerdict.HeaderChange;
import io.lintel.spi.filter.HttpHeadersView;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Applies an allowing answer's header changes to a request or response, in order. */
final class HeaderChanges {

    private HeaderChanges() {}

    static void apply(List<HeaderChange> changes, HttpHeadersView headers) {
        // an overwrite replaces what was there before the answer, not the answer's own earlier values of that name
        Set<String> overwritten = new HashSet<>();
        for (HeaderChange change : changes) {
            String name = change.name();
            switch (change.mode()) {
                case APPEND -> headers.add(name, change.value());
                case ADD_IF_ABSENT -> {
                    if (!headers.contains(name)) {
                        headers.add(name, change.value());
                    }
                }
                case OVERWRITE -> overwrite(headers, overwritten, change);
                case OVERWRITE_IF_EXISTS -> {
                    if (headers.contains(name)) {
                        overwrite(headers, overwritten, change);
                    }
                }
            }
        }
    }

    private static void overwrite(HttpHeadersView headers, Set<String> overwritten, HeaderChange change) {
        if (overwritten.add(change.name())) {
            headers.set(change.name(), change.value());
        } else {
            headers.add(change.name(), change.value());
        }
    }
}
