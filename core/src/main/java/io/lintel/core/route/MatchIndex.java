package io.lintel.core.route;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The matches of one virtual host, indexed by path so that a request evaluates only the matches its path can
 * satisfy, with exactly the semantics of a scan in precedence order: {@link #first} is the lowest position whose
 * full match (method, path, headers, query parameters) holds.
 *
 * <p>Candidates come from: exact paths (a hash map, path to positions); path prefixes (a trie of path segments, so a
 * prefix is a candidate exactly when it covers whole segments of the path, as {@code PathPrefix} requires);
 * match-anything prefixes ({@code /}); regular expressions by their {@link RegexLiteralPrefix literal prefix} (a
 * hash map probed with each prefix length that occurs), and those without one. Every candidate list is in ascending
 * position order. A lookup walks the lists keeping the best (lowest) position found so far: in each list it
 * evaluates candidates below that bound, stopping at the first that matches. The result is the minimum over all
 * lists, i.e. the first match of a linear scan, since a match outside every list cannot match the path. Once the
 * best position is below every position the remaining sources hold, the lookup stops (an exact hit usually skips
 * the trie, a path hit the regular expressions, which come last in the Gateway API order). Lookups
 * allocate nothing; the trie walk recurses once per path segment (deepest prefix first: longer prefixes come first
 * in the Gateway API order, so they set the bound early). Immutable and thread-safe.
 */
final class MatchIndex {

    private static final int[] NONE = new int[0];
    private static final int NOT_FOUND = Integer.MAX_VALUE;

    private final CompiledMatch[] matches;
    private final RegionMap<int[]> exact;
    private final PrefixNode prefixes;
    private final int[] any;
    private final RegionMap<int[]> regexByPrefix;
    /** The distinct lengths of the keys of {@link #regexByPrefix}, ascending. */
    private final int[] regexPrefixLengths;
    private final int[] regexAlways;
    /** The lowest position of any prefix, match-anything or regex candidate: an exact hit below it is final. */
    private final int afterExact;
    /** The lowest position of any match-anything or regex candidate. */
    private final int afterPrefixes;
    /** The lowest position of any regex candidate (regexes come last in the Gateway API order). */
    private final int regexMin;

    MatchIndex(CompiledMatch[] matches) {
        this.matches = matches;
        Map<String, Positions> exactPaths = new HashMap<>();
        PrefixNode.Builder prefixRoot = new PrefixNode.Builder();
        Positions anyPositions = new Positions();
        Map<String, Positions> regexPrefixes = new HashMap<>();
        TreeSet<Integer> lengths = new TreeSet<>();
        Positions always = new Positions();
        int prefixMinimum = NOT_FOUND;
        int regexMinimum = NOT_FOUND;
        for (int position = 0; position < matches.length; position++) {
            PathMatcher path = matches[position].path();
            switch (path.kind()) {
                case ANY -> anyPositions.add(position);
                case EXACT -> exactPaths.computeIfAbsent(path.value(), k -> new Positions()).add(position);
                case PREFIX -> {
                    prefixRoot.add(path.value(), position);
                    prefixMinimum = Math.min(prefixMinimum, position);
                }
                case REGULAR_EXPRESSION -> {
                    String literal = RegexLiteralPrefix.of(path.regex());
                    if (literal.isEmpty()) {
                        always.add(position);
                    } else {
                        regexPrefixes.computeIfAbsent(literal, k -> new Positions()).add(position);
                        lengths.add(literal.length());
                        regexMinimum = Math.min(regexMinimum, position);
                    }
                }
            }
        }
        this.exact = RegionMap.of(exactPaths, Positions::toArray);
        this.prefixes = prefixRoot.isEmpty() ? null : prefixRoot.build();
        this.any = anyPositions.toArray();
        this.regexByPrefix = RegionMap.of(regexPrefixes, Positions::toArray);
        this.regexPrefixLengths = lengths.stream().mapToInt(Integer::intValue).toArray();
        this.regexAlways = always.toArray();
        this.regexMin = Math.min(regexMinimum, regexAlways.length == 0 ? NOT_FOUND : regexAlways[0]);
        this.afterPrefixes = Math.min(regexMin, any.length == 0 ? NOT_FOUND : any[0]);
        this.afterExact = Math.min(afterPrefixes, prefixMinimum);
    }

    /** The position of the first match that holds for {@code request}, or -1. */
    int first(RouteRequest request) {
        String path = request.path();
        int best = NOT_FOUND;
        if (!exact.isEmpty()) {
            int[] candidates = exact.get(path, 0, path.length(), path.hashCode()); // String caches its hash
            if (candidates != null) {
                best = scan(candidates, request, best);
            }
        }
        if (best < afterExact) {
            return best;
        }
        if (prefixes != null) {
            best = prefix(prefixes, path, 0, request, best);
            if (best < afterPrefixes) {
                return best;
            }
        }
        best = scan(any, request, best);
        if (best < regexMin) {
            return best;
        }
        if (regexPrefixLengths.length > 0) {
            int hash = 0;
            int hashed = 0;
            for (int length : regexPrefixLengths) {
                if (length > path.length()) {
                    break;
                }
                for (; hashed < length; hashed++) {
                    hash = 31 * hash + path.charAt(hashed);
                }
                int[] candidates = regexByPrefix.get(path, 0, length, hash);
                if (candidates != null) {
                    best = scan(candidates, request, best);
                }
            }
        }
        best = scan(regexAlways, request, best);
        return best == NOT_FOUND ? -1 : best;
    }

    /** As {@link #first}, by evaluating every match in order: the reference the index must agree with. */
    int firstByScan(RouteRequest request) {
        for (int i = 0; i < matches.length; i++) {
            if (matches[i].matches(request)) {
                return i;
            }
        }
        return -1;
    }

    CompiledMatch match(int position) {
        return matches[position];
    }

    int size() {
        return matches.length;
    }

    /**
     * The best position among the prefixes below {@code node} that cover the path's segment starting at {@code from}
     * and further ones; deeper (longer) prefixes first.
     */
    private int prefix(PrefixNode node, String path, int from, RouteRequest request, int best) {
        int end = path.indexOf('/', from);
        if (end < 0) {
            end = path.length();
        }
        PrefixNode child = node.children.get(path, from, end);
        if (child == null) {
            return best;
        }
        if (end < path.length() && !child.children.isEmpty()) {
            best = prefix(child, path, end + 1, request, best);
        }
        return scan(child.positions, request, best);
    }

    /** The first position of {@code candidates} below {@code best} that matches, else {@code best}. */
    private int scan(int[] candidates, RouteRequest request, int best) {
        for (int position : candidates) {
            if (position >= best) {
                break;
            }
            if (matches[position].matches(request)) {
                return position;
            }
        }
        return best;
    }

    /** Ascending positions, collected while building. */
    private static final class Positions {
        private int[] values = NONE;
        private int size;

        void add(int position) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.max(2, size * 2));
            }
            values[size++] = position;
        }

        int[] toArray() {
            return size == 0 ? NONE : size == values.length ? values : Arrays.copyOf(values, size);
        }
    }

    /**
     * A node of the prefix trie: the prefixes whose segments (split at every {@code /}, so {@code /a/b} is
     * {@code "", "a", "b"}) end here, and the next segments.
     */
    private static final class PrefixNode {

        final int[] positions;
        final RegionMap<PrefixNode> children;

        PrefixNode(int[] positions, RegionMap<PrefixNode> children) {
            this.positions = positions;
            this.children = children;
        }

        static final class Builder {
            private final Positions positions = new Positions();
            private Map<String, Builder> children = Map.of();

            /** Adds a prefix (without trailing slash, non-empty) at {@code position}. */
            void add(String prefix, int position) {
                Builder node = this;
                int from = 0;
                while (true) {
                    int end = prefix.indexOf('/', from);
                    if (end < 0) {
                        end = prefix.length();
                    }
                    if (node.children.isEmpty()) {
                        node.children = new HashMap<>(4);
                    }
                    node = node.children.computeIfAbsent(prefix.substring(from, end), k -> new Builder());
                    if (end == prefix.length()) {
                        break;
                    }
                    from = end + 1;
                }
                node.positions.add(position);
            }

            boolean isEmpty() {
                return children.isEmpty();
            }

            PrefixNode build() {
                return new PrefixNode(positions.toArray(), RegionMap.of(children, Builder::build));
            }
        }
    }
}
