package io.lintel.core.observe;

import io.lintel.core.cli.LintelVersion;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the process does with finished exchanges beyond metrics: the access log ({@link AccessLogWriter}) and
 * OpenTelemetry tracing ({@link OtlpExporter}), each off unless its setting turns it on. With both off there is no
 * observer at all ({@link #current()} is null), so the data plane pays one null check per request and nothing else.
 *
 * <p>Configured once from the settings (system properties, which the settings file installs before the data plane
 * starts): {@value AccessLogWriter#FORMAT_PROPERTY}, {@value #ENDPOINT_PROPERTY}, {@value #SAMPLING_RATIO_PROPERTY},
 * {@value #SERVICE_NAME_PROPERTY} and the bounds below. Thread-safe; {@link #start} runs on an event loop and only
 * reads the request head.
 */
public final class ExchangeObserver {

    public static final String ENDPOINT_PROPERTY = "lintel.tracing.otlpEndpoint";
    public static final String SAMPLING_RATIO_PROPERTY = "lintel.tracing.samplingRatio";
    public static final String SERVICE_NAME_PROPERTY = "lintel.tracing.serviceName";
    public static final String QUEUE_CAPACITY_PROPERTY = "lintel.tracing.queueCapacity";
    public static final String MAX_BATCH_PROPERTY = "lintel.tracing.maxBatchSpans";
    public static final String EXPORT_INTERVAL_PROPERTY = "lintel.tracing.exportIntervalMillis";
    public static final String EXPORT_TIMEOUT_PROPERTY = "lintel.tracing.exportTimeoutMillis";
    public static final int DEFAULT_QUEUE_CAPACITY = 2_048;
    public static final int DEFAULT_MAX_BATCH = 512;
    public static final int DEFAULT_EXPORT_INTERVAL_MILLIS = 1_000;
    public static final int DEFAULT_EXPORT_TIMEOUT_MILLIS = 10_000;

    static final String ACCESS_LOGGER = "io.lintel.access";
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final Logger LOG = LoggerFactory.getLogger(ExchangeObserver.class);

    /** Stands for "not configured yet" (null is "configured, and off"). */
    private static final ExchangeObserver UNREAD = new ExchangeObserver(null, null, 0);
    private static volatile ExchangeObserver current = UNREAD;

    private final AccessLogWriter accessLog;
    private final OtlpExporter exporter;
    private final double samplingRatio;

    ExchangeObserver(AccessLogWriter accessLog, OtlpExporter exporter, double samplingRatio) {
        this.accessLog = accessLog;
        this.exporter = exporter;
        this.samplingRatio = samplingRatio;
    }

    /** The process's observer, configured from the settings on first use; null when access log and tracing are off. */
    public static ExchangeObserver current() {
        ExchangeObserver observer = current;
        return observer != UNREAD ? observer : configure();
    }

    /** Replaces the process's observer (null: off) for connections opened from now on; returns the previous one. */
    public static synchronized ExchangeObserver install(ExchangeObserver observer) {
        ExchangeObserver previous = current;
        current = observer;
        return previous == UNREAD ? null : previous;
    }

    private static synchronized ExchangeObserver configure() {
        if (current == UNREAD) {
            current = fromSettings();
        }
        return current;
    }

    /** An observer as the settings say, or null when they turn everything off; starts the threads it needs. */
    public static ExchangeObserver fromSettings() {
        AccessLogFormat format = AccessLogFormat.parse(accessLogFormatSetting());
        AccessLogWriter writer = format == null ? null : new AccessLogWriter(
                Integer.getInteger(AccessLogWriter.QUEUE_CAPACITY_PROPERTY, AccessLogWriter.DEFAULT_QUEUE_CAPACITY),
                format, ACCESS::info, AccessLogWriter.WARN_INTERVAL);
        String endpoint = System.getProperty(ENDPOINT_PROPERTY, "").trim();
        OtlpExporter exporter = null;
        double ratio = 0;
        if (!endpoint.isEmpty()) {
            ratio = samplingRatio(System.getProperty(SAMPLING_RATIO_PROPERTY, "1.0"));
            exporter = new OtlpExporter(endpoint(endpoint), System.getProperty(SERVICE_NAME_PROPERTY, "lintel"),
                    LintelVersion.current(), Integer.getInteger(QUEUE_CAPACITY_PROPERTY, DEFAULT_QUEUE_CAPACITY),
                    Integer.getInteger(MAX_BATCH_PROPERTY, DEFAULT_MAX_BATCH),
                    Duration.ofMillis(Integer.getInteger(EXPORT_INTERVAL_PROPERTY, DEFAULT_EXPORT_INTERVAL_MILLIS)),
                    Duration.ofMillis(Integer.getInteger(EXPORT_TIMEOUT_PROPERTY, DEFAULT_EXPORT_TIMEOUT_MILLIS)));
            LOG.info("Tracing: spans of {}% of new traces (and of sampled callers' traces) exported to {}",
                    ratio * 100, endpoint);
        }
        return writer == null && exporter == null ? null : new ExchangeObserver(writer, exporter, ratio);
    }

    private static double samplingRatio(String text) {
        try {
            double ratio = Double.parseDouble(text.trim());
            if (ratio >= 0 && ratio <= 1) {
                return ratio;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + SAMPLING_RATIO_PROPERTY + "=" + text + ": expected a number from 0 to 1");
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + ENDPOINT_PROPERTY + "=" + text
                + ": expected an http:// or https:// URL of the OTLP traces endpoint");
    }

    /**
     * The access log's format: the setting; without one, {@code text} when {@code LINTEL_ACCESS_LOG} asks for the
     * access log, as it did before the setting existed; else {@code off}.
     */
    private static String accessLogFormatSetting() {
        String format = System.getProperty(AccessLogWriter.FORMAT_PROPERTY);
        if (format != null) {
            return format;
        }
        String level = System.getenv("LINTEL_ACCESS_LOG");
        return level != null && !level.isBlank() && !level.trim().equalsIgnoreCase("OFF")
                && !level.trim().equalsIgnoreCase("WARN") && !level.trim().equalsIgnoreCase("ERROR")
                ? "text" : "off";
    }

    /** A request's head arrived: what its line and spans need from it, and its trace context when tracing. */
    public ExchangeObservation start(HttpRequest head, long startNanos, String client, boolean http2) {
        Instant now = Instant.now();
        return new ExchangeObservation(this, head, startNanos, now.getEpochSecond() * 1_000_000_000L + now.getNano(),
                client, http2);
    }

    boolean tracing() {
        return exporter != null;
    }

    /** Whether a new trace (one no sampled caller started) is recorded. */
    boolean sampleNewTrace() {
        return samplingRatio >= 1 || samplingRatio > 0 && ThreadLocalRandom.current().nextDouble() < samplingRatio;
    }

    void log(AccessLogRecord record) {
        if (accessLog != null && ACCESS.isInfoEnabled()) {
            accessLog.offer(record);
        }
    }

    boolean logging() {
        return accessLog != null;
    }

    void export(SpanRecord span) {
        exporter.offer(span);
    }

    /** Stops the threads once they have written or sent what is queued (tests: the process's lives with the JVM). */
    public void close() {
        if (accessLog != null) {
            accessLog.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    // ---- for /metrics: read without configuring an observer that nothing asked for yet --------------------------

    private static ExchangeObserver started() {
        ExchangeObserver observer = current;
        return observer == UNREAD ? null : observer;
    }

    /** Access-log lines dropped because the log could not keep up. */
    public static long accessLogDropped() {
        ExchangeObserver observer = started();
        return observer == null || observer.accessLog == null ? 0 : observer.accessLog.dropped();
    }

    /** Spans the collector accepted. */
    public static long spansExported() {
        ExchangeObserver observer = started();
        return observer == null || observer.exporter == null ? 0 : observer.exporter.exported();
    }

    /** Spans dropped: {@code queue_full} (the exporter could not keep up) or {@code export_failed}. */
    public static long spansDropped(String reason) {
        ExchangeObserver observer = started();
        if (observer == null || observer.exporter == null) {
            return 0;
        }
        return switch (reason.toLowerCase(Locale.ROOT)) {
            case "queue_full" -> observer.exporter.droppedQueueFull();
            case "export_failed" -> observer.exporter.droppedExportFailed();
            default -> throw new IllegalArgumentException("reason: " + reason);
        };
    }
}
