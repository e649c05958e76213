package io.lintel.core.route;

import io.lintel.core.ir.IrRule;
import io.lintel.core.ir.IrVirtualHost;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What the compiler made of each IR virtual host and rule still in use, by identity, with how many users each has (a
 * host: the listeners listing it; a rule: the hosts whose matches lead to it). The translator hands on unchanged
 * instances, so a compile looks up what it made before instead of compiling again, and an entry goes when its last
 * user does: memory stays bounded by the table served, and a one-route change touches a few entries instead of
 * refilling maps of every host and rule.
 */
final class CompiledUses {

    /** A compiled virtual host, the rules of its matches, and how many expressions and filters they use. */
    static final class HostEntry {
        final CompiledVirtualHost compiled;
        final IrRule[] irRules;
        final int patterns;
        final int filters;
        private int uses;

        HostEntry(CompiledVirtualHost compiled, IrRule[] irRules, int patterns, int filters) {
            this.compiled = compiled;
            this.irRules = irRules;
            this.patterns = patterns;
            this.filters = filters;
        }
    }

    private static final class RuleEntry {
        final CompiledRule compiled;
        int uses;

        RuleEntry(CompiledRule compiled) {
            this.compiled = compiled;
        }
    }

    private final Map<IrVirtualHost, HostEntry> hosts = new IdentityHashMap<>();
    private final Map<IrRule, RuleEntry> rules = new IdentityHashMap<>();
    private long patterns;
    private long filters;

    /**
     * The entry of {@code host}, compiled by {@code compile} when it has none (which acquires its rules through
     * {@link #acquireRule}); counts one more user.
     */
    HostEntry acquireHost(IrVirtualHost host, Function<IrVirtualHost, HostEntry> compile) {
        HostEntry entry = hosts.get(host);
        if (entry == null) {
            entry = compile.apply(host);
            hosts.put(host, entry);
            patterns += entry.patterns;
            filters += entry.filters;
        }
        entry.uses++;
        return entry;
    }

    /** Counts one user less of {@code host}; the last one drops it and releases its rules. */
    void releaseHost(IrVirtualHost host) {
        HostEntry entry = hosts.get(host);
        if (entry == null || --entry.uses > 0) {
            return;
        }
        hosts.remove(host);
        patterns -= entry.patterns;
        filters -= entry.filters;
        for (IrRule rule : entry.irRules) {
            RuleEntry ruleEntry = rules.get(rule);
            if (ruleEntry != null && --ruleEntry.uses == 0) {
                rules.remove(rule);
            }
        }
    }

    /** The compiled form of {@code rule}, compiled by {@code compile} when it has none; counts one more user. */
    CompiledRule acquireRule(IrRule rule, Function<IrRule, CompiledRule> compile) {
        RuleEntry entry = rules.get(rule);
        if (entry == null) {
            entry = new RuleEntry(compile.apply(rule));
            rules.put(rule, entry);
        }
        entry.uses++;
        return entry.compiled;
    }

    /** The entry of a host in use, or null. */
    HostEntry host(IrVirtualHost host) {
        return hosts.get(host);
    }

    int ruleCount() {
        return rules.size();
    }

    /** Regular expressions the hosts in use hold (a rule shared by hosts counts in each). */
    long patterns() {
        return patterns;
    }

    /** Filters the hosts in use hold (a rule shared by hosts counts in each). */
    long filters() {
        return filters;
    }

    /** Forgets everything (after a failed compile, whose counts cannot be trusted). */
    void clear() {
        hosts.clear();
        rules.clear();
        patterns = 0;
        filters = 0;
    }
}
