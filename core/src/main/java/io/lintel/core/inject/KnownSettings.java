package io.lintel.core.inject;

import io.lintel.core.observe.AccessLogWriter;
import io.lintel.core.observe.ExchangeObserver;
import io.lintel.core.route.EndpointHealth;
import io.lintel.core.proxy.Http2BackendSettings;
import io.lintel.core.proxy.ProxyContext;
import io.lintel.core.proxy.TrustedProxies;
import io.lintel.core.server.BindRetrySchedule;
import io.lintel.core.server.DataPlaneSettings;
import io.lintel.core.server.Http2FloodLimits;
import io.lintel.core.server.IoTransport;
import io.lintel.core.udp.UdpSettings;
import java.util.List;

/**
 * Every setting of the settings file ({@code conf/lintel.yaml}) and of {@code -Dlintel.*}: one declaration each, from
 * which the file is validated and its reference rendered ({@link SettingsReference}). The code that reads a setting
 * still reads its system property (the settings file installs its values as system properties before the runtime is
 * built); the names here are those classes' constants, so a name cannot drift, and {@code SettingsReferenceTest} checks
 * that the defaults stated here are the defaults the code uses.
 *
 * <p>Not here on purpose: JVM-level switches that the launcher sets itself ({@code lintel.heap.*}, see
 * {@code bin/lintel}), {@code lintel.home} and {@code lintel.debug}.
 */
public final class KnownSettings {

    private static final long INT_MAX = Integer.MAX_VALUE;

    /** Admin server address; {@code --admin} wins over it. */
    public static final Setting ADMIN_ADDRESS = Setting.of("admin.address", SettingType.HOST_PORT, "127.0.0.1:9901",
            "where /ready, /status, /config and /metrics listen; --admin on the command line wins");

    /** Data-plane event loop threads; {@code --event-loop-threads} wins over it. */
    public static final Setting EVENT_LOOP_THREADS = Setting.number("eventLoops.threads", 0, 1024, "0",
            "data-plane event loop threads, 0 = one per available processor; --event-loop-threads wins");

    /** The event loops' I/O transport ({@link IoTransport}). */
    public static final Setting EVENT_LOOP_TRANSPORT = Setting.choice(key(IoTransport.PROPERTY),
            IoTransport.settingValues(), IoTransport.AUTO.settingValue(),
            "the data plane's I/O: auto = io_uring where the kernel allows it, else epoll, else NIO; a transport "
                    + "named here must be available or lintel run stops with the reason");

    /** How long a stopping gateway lets in-flight requests finish ({@link LintelRuntime#stop}). */
    public static final Setting SHUTDOWN_DRAIN_SECONDS = Setting.number("shutdown.drainSeconds", 0, 3600, "10",
            "on SIGTERM, how long in-flight requests may finish before every connection is closed; 0 = at once");

    private static final List<Setting> ALL = List.of(
            ADMIN_ADDRESS,
            EVENT_LOOP_THREADS,
            EVENT_LOOP_TRANSPORT,
            SHUTDOWN_DRAIN_SECONDS,
            Setting.number(key(DataPlaneSettings.MAX_CONNECTIONS_PROPERTY), 0, INT_MAX, "8000",
                    "client connections open at once over all listeners, 0 = no limit; by default a share of the "
                            + "open-file limit (8000 at 20 000 descriptors)"),
            Setting.number(key(DataPlaneSettings.MAX_CONNECTIONS_PER_LISTENER_PROPERTY), 0, INT_MAX, "0",
                    "client connections open at once on each listening socket, 0 = only the total bounds them"),
            Setting.number(key(DataPlaneSettings.CLIENT_IDLE_TIMEOUT_PROPERTY), 0, INT_MAX, "75",
                    "seconds a client connection may send nothing while none of its requests is being answered "
                            + "(HTTP/2: no stream open), then it is closed; TCP and TLS relays: nothing either way; "
                            + "0 = never"),
            Setting.number(key(DataPlaneSettings.MAX_LINE_BYTES_PROPERTY), 1, INT_MAX, "8192",
                    "bytes of the longest HTTP/1.1 request line (method, target, version); longer ones get 414"),
            Setting.number(key(DataPlaneSettings.MAX_HEADER_BYTES_PROPERTY), 1, INT_MAX, "16384",
                    "bytes of the largest HTTP/1.1 request header block or HTTP/2 header list; larger ones get 431"),
            Setting.number(key(DataPlaneSettings.REQUEST_HEAD_TIMEOUT_PROPERTY), 0, INT_MAX, "30",
                    "seconds an HTTP/1.1 request head may take from its first byte (slowloris), then 408; 0 = none"),
            Setting.number(key(DataPlaneSettings.REQUEST_BODY_IDLE_TIMEOUT_PROPERTY), 0, INT_MAX, "60",
                    "seconds a request body may pause while the gateway waits for it, then 408; 0 = none"),
            Setting.number(key(DataPlaneSettings.DEFAULT_REQUEST_TIMEOUT_PROPERTY), 0, INT_MAX, "15",
                    "seconds a rule without timeouts waits for the response head (a hung backend), then 504; 0 = none"),
            Setting.number(key(DataPlaneSettings.MAX_BUFFERED_REQUEST_BODY_PROPERTY), 1, INT_MAX,
                    Integer.toString(ProxyContext.DEFAULT_MAX_BUFFERED_REQUEST_BODY),
                    "bytes of request body read whole for filters that read bodies; longer bodies get 413"),
            Setting.number(key(DataPlaneSettings.MAX_MIRROR_PENDING_BYTES_PROPERTY), 1, Long.MAX_VALUE, "1048576",
                    "bytes a mirrored request copy may fall behind the request before the copy is dropped"),
            Setting.number(key(DataPlaneSettings.MAX_REPLAY_BODY_BYTES_PROPERTY), 0, Long.MAX_VALUE,
                    Integer.toString(ProxyContext.DEFAULT_MAX_REPLAY_BODY_BYTES),
                    "bytes of request body kept to replay a retried request; longer requests are not retried"),
            Setting.number(key(DataPlaneSettings.BACKEND_CONNECT_TIMEOUT_PROPERTY), 1, INT_MAX, "5000",
                    "milliseconds a connect to a backend endpoint may take, then 503 (a TCP or TLS relay: the client "
                            + "connection is closed)"),
            Setting.number(key(DataPlaneSettings.BACKEND_IDLE_TIMEOUT_PROPERTY), 0, INT_MAX, "60",
                    "seconds a pooled backend connection may go unused, then it is closed; 0 = until the backend "
                            + "closes it"),
            Setting.number(key(DataPlaneSettings.MAX_IDLE_BACKEND_CONNECTIONS_PROPERTY), 0, INT_MAX, "256",
                    "idle HTTP/1.1 connections kept per backend endpoint and event loop for reuse; 0 = a connection "
                            + "is closed after each request"),
            Setting.number(key(Http2BackendSettings.MAX_CONCURRENT_STREAMS_PROPERTY), 1, INT_MAX, "100",
                    "HTTP/2 streams on one connection to an h2c backend (capped by the backend's own limit)"),
            Setting.number(key(Http2BackendSettings.MAX_CONNECTIONS_PROPERTY), 1, INT_MAX, "8",
                    "HTTP/2 connections to one h2c backend endpoint per event loop"),
            Setting.number(key(Http2BackendSettings.MAX_PENDING_STREAMS_PROPERTY), 1, INT_MAX, "1024",
                    "requests that may wait for a stream to an h2c backend endpoint; beyond that, 503"),
            Setting.number(key(BindRetrySchedule.MAX_SECONDS_PROPERTY), 0, 3600, "30",
                    "longest pause between retries of a listening socket that could not be bound (from 0.5 s, doubling); 0 = every 0.5 s"),
            Setting.number(key(DataPlaneSettings.MAX_CONCURRENT_STREAMS_PROPERTY), 1, INT_MAX, "128",
                    "HTTP/2 streams one client connection may have open at once; more are refused (REFUSED_STREAM)"),
            Setting.number(key(Http2FloodLimits.MAX_RESETS_PER_WINDOW_PROPERTY), 0, INT_MAX, "200",
                    "HTTP/2 RST_STREAM frames per window before GOAWAY (rapid reset, CVE-2023-44487); 0 = off"),
            Setting.number(key(Http2FloodLimits.RESET_WINDOW_SECONDS_PROPERTY), 0, INT_MAX, "30",
                    "the window of http2.maxResetsPerWindow, in seconds"),
            Setting.number(key(Http2FloodLimits.MAX_QUEUED_CONTROL_FRAMES_PROPERTY), 0, INT_MAX, "10000",
                    "HTTP/2 acknowledgements queued for a client that does not read them (CVE-2019-9512); 0 = off"),
            Setting.number(key(Http2FloodLimits.MAX_CONSECUTIVE_EMPTY_DATA_FRAMES_PROPERTY), 0, INT_MAX, "2",
                    "HTTP/2 empty DATA frames in a row (CVE-2019-9518); 0 = off"),
            Setting.number(key(Http2FloodLimits.MAX_CONTROL_FRAMES_WITHOUT_REQUESTS_PROPERTY), 0, INT_MAX, "100",
                    "HTTP/2 SETTINGS and PING frames per window with no request between them; 0 = off"),
            Setting.number(key(Http2FloodLimits.CONTROL_FRAME_WINDOW_SECONDS_PROPERTY), 0, INT_MAX, "10",
                    "the window of http2.maxControlFramesWithoutRequests, in seconds"),
            Setting.of(key(DataPlaneSettings.HTTP2_STREAM_CHANNELS_PROPERTY), SettingType.BOOLEAN, "false",
                    "false: one handler per client HTTP/2 connection drives its streams; true: each stream is a "
                            + "channel with a pipeline of its own, as before (more CPU per request; for one release)"),
            Setting.number(key(UdpSettings.FLOW_IDLE_TIMEOUT_PROPERTY), 1, INT_MAX, "60",
                    "seconds a UDP flow (one client address:port) may go without a datagram either way, then its "
                            + "backend socket is closed"),
            Setting.number(key(UdpSettings.MAX_FLOWS_PER_LISTENER_PROPERTY), 1, INT_MAX, "10000",
                    "UDP flows open at once on each UDP listening socket; datagrams of further clients are dropped"),
            Setting.number(key(UdpSettings.MAX_DATAGRAM_BYTES_PROPERTY), 1, UdpSettings.MAX_UDP_PAYLOAD, "9000",
                    "bytes of the largest UDP datagram relayed either way; longer ones are dropped, not truncated"),
            Setting.number(key(TrustedProxies.TRUSTED_HOPS_PROPERTY), 0, INT_MAX, "0",
                    "proxies in front of Lintel when every client is one (X-Forwarded-For entries kept); 0 = none"),
            Setting.of(key(TrustedProxies.TRUSTED_CIDRS_PROPERTY), SettingType.ADDRESS_BLOCKS, "[]",
                    "address blocks of the proxies in front of Lintel, whose forwarding headers are believed"),
            Setting.choice(key(AccessLogWriter.FORMAT_PROPERTY), List.of("off", "text", "json"), "off",
                    "the access log (logger io.lintel.access): off, key=value text or one JSON object per request"),
            Setting.number(key(AccessLogWriter.QUEUE_CAPACITY_PROPERTY), 1, INT_MAX,
                    Integer.toString(AccessLogWriter.DEFAULT_QUEUE_CAPACITY),
                    "access log lines waiting to be written; beyond it lines are dropped, never waited for"),
            Setting.of(key(ExchangeObserver.ENDPOINT_PROPERTY), SettingType.URL, "\"\"",
                    "OTLP/HTTP traces endpoint (http://collector:4318/v1/traces); empty = tracing off"),
            Setting.of(key(ExchangeObserver.SAMPLING_RATIO_PROPERTY), SettingType.RATIO, "1.0",
                    "share of new traces recorded (0 to 1); a caller's sampled flag decides for its traces"),
            Setting.of(key(ExchangeObserver.SERVICE_NAME_PROPERTY), SettingType.TEXT, "lintel",
                    "service.name of the exported spans"),
            Setting.number(key(ExchangeObserver.QUEUE_CAPACITY_PROPERTY), 1, INT_MAX,
                    Integer.toString(ExchangeObserver.DEFAULT_QUEUE_CAPACITY),
                    "spans waiting for export; beyond it spans are dropped (lintel_tracing_spans_dropped_total)"),
            Setting.number(key(ExchangeObserver.MAX_BATCH_PROPERTY), 1, INT_MAX,
                    Integer.toString(ExchangeObserver.DEFAULT_MAX_BATCH), "spans sent in one OTLP request at most"),
            Setting.number(key(ExchangeObserver.EXPORT_INTERVAL_PROPERTY), 1, INT_MAX,
                    Integer.toString(ExchangeObserver.DEFAULT_EXPORT_INTERVAL_MILLIS),
                    "milliseconds a finished span may wait for its batch to fill before the batch is sent"),
            Setting.number(key(ExchangeObserver.EXPORT_TIMEOUT_PROPERTY), 1, INT_MAX,
                    Integer.toString(ExchangeObserver.DEFAULT_EXPORT_TIMEOUT_MILLIS),
                    "milliseconds an OTLP export may take, then its spans are dropped"),
            Setting.number(key(EndpointHealth.CONSECUTIVE_FAILURES_PROPERTY), 0, INT_MAX,
                    Integer.toString(EndpointHealth.DEFAULT_CONSECUTIVE_FAILURES),
                    "failures in a row (refused, closed before an answer, 5xx) that eject a backend endpoint; 0 = off"),
            Setting.number(key(EndpointHealth.BASE_EJECTION_SECONDS_PROPERTY), 1, INT_MAX,
                    Integer.toString(EndpointHealth.DEFAULT_BASE_EJECTION_SECONDS),
                    "seconds of a first ejection; the n-th in a row lasts n times as long"),
            Setting.number(key(EndpointHealth.MAX_EJECTION_SECONDS_PROPERTY), 1, INT_MAX,
                    Integer.toString(EndpointHealth.DEFAULT_MAX_EJECTION_SECONDS), "the longest ejection, in seconds"),
            Setting.number(key(EndpointHealth.MAX_EJECTION_PERCENT_PROPERTY), 0, 100,
                    Integer.toString(EndpointHealth.DEFAULT_MAX_EJECTION_PERCENT),
                    "the largest share of a backend's endpoints ejected at once, in percent; beyond it all are used"));

    private KnownSettings() {}

    /** Every setting, in the order of the reference. */
    public static List<Setting> all() {
        return ALL;
    }

    private static String key(String property) {
        if (!property.startsWith(Setting.PROPERTY_PREFIX)) {
            throw new IllegalStateException(property + " does not start with " + Setting.PROPERTY_PREFIX);
        }
        return property.substring(Setting.PROPERTY_PREFIX.length());
    }
}
