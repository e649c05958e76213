package io.lintel.plugin.discovery.consul;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The validated settings of one Consul config source; {@link ConsulConfigSourceFactory} documents each one.
 *
 * @param address Consul's HTTP(S) address, e.g. {@code http://127.0.0.1:8500}, without a trailing slash
 * @param prefix the KV prefix holding the manifests, ending in {@code /}
 * @param token the ACL token, if given inline
 * @param tokenFile a file holding the ACL token (read at start and again when it changes)
 * @param caFile PEM CA certificates to trust for an {@code https} address
 * @param stale whether reads may be served by any Consul server ({@code ?stale}) instead of the leader
 * @param waitTime the longest a blocking query parks on Consul ({@code ?wait=})
 * @param minQueryInterval the least time between two queries of one watch (the rate limit)
 * @param datacenter the datacenter to query ({@code ?dc=}), or the agent's own when empty
 * @param statusPrefix the KV prefix computed status is written to, ending in {@code /}, if any
 */
record ConsulSettings(
        URI address,
        String prefix,
        Optional<String> token,
        Optional<Path> tokenFile,
        Optional<Path> caFile,
        boolean stale,
        Duration waitTime,
        Duration minQueryInterval,
        Optional<String> datacenter,
        Optional<String> statusPrefix) {

    ConsulSettings {
        requireNonNull(address, "address");
        requireNonNull(prefix, "prefix");
        requireNonNull(token, "token");
        requireNonNull(tokenFile, "tokenFile");
        requireNonNull(caFile, "caFile");
        requireNonNull(waitTime, "waitTime");
        requireNonNull(minQueryInterval, "minQueryInterval");
        requireNonNull(datacenter, "datacenter");
        requireNonNull(statusPrefix, "statusPrefix");
    }
}
