package io.lintel.plugin.discovery.consul;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lintel.spi.config.ResourceKey;
import io.lintel.spi.config.StatusWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes computed status to Consul KV under the status prefix, one key per resource:
 * {@code <statusPrefix><group or core>/<Kind>/<namespace or _cluster>/<name>}, the value a JSON object with
 * {@code kind}, {@code metadata} ({@code name}, {@code namespace}) and {@code status}, as {@code /status} lists it.
 *
 * <p>{@link #write} only queues (the latest status per resource wins) and returns at once; a daemon thread writes, and
 * keeps what failed to retry later, so an unreachable Consul never holds up Lintel's control thread.
 */
final class ConsulStatusWriter implements StatusWriter, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsulStatusWriter.class);
    private static final long RETRY_MILLIS = 1000;

    private final String prefix;
    private final Supplier<ConsulClient> client;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, byte[]> pending = new LinkedHashMap<>();
    private final Thread thread;
    private boolean closed;
    private boolean failing;

    ConsulStatusWriter(String prefix, Supplier<ConsulClient> client) {
        this.prefix = prefix;
        this.client = client;
        thread = new Thread(this::run, "lintel-consul-status " + prefix);
        thread.setDaemon(true);
        thread.start();
    }

    static String key(String prefix, ResourceKey resource) {
        return prefix + (resource.group().isEmpty() ? "core" : resource.group()) + "/" + resource.kind() + "/"
                + (resource.namespace().isEmpty() ? "_cluster" : resource.namespace()) + "/" + resource.name();
    }

    @Override
    public void write(ResourceKey key, Map<String, Object> status) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", key.name());
        if (!key.namespace().isEmpty()) {
            metadata.put("namespace", key.namespace());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("kind", key.kind());
        document.put("metadata", metadata);
        document.put("status", status);
        byte[] value;
        try {
            value = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            log.warn("Cannot write the status of {} as JSON", key, e);
            return;
        }
        synchronized (this) {
            pending.put(key(prefix, key), value);
            notifyAll();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void run() {
        try {
            while (true) {
                Map.Entry<String, byte[]> next;
                synchronized (this) {
                    while (!closed && (pending.isEmpty() || client.get() == null)) {
                        wait(client.get() == null ? 100 : 0);
                    }
                    if (closed) {
                        return;
                    }
                    next = pending.entrySet().iterator().next();
                    pending.remove(next.getKey());
                }
                try {
                    client.get().put(next.getKey(), next.getValue());
                    if (failing) {
                        log.info("Writing status to Consul works again");
                        failing = false;
                    }
                } catch (IOException | RuntimeException e) {
                    synchronized (this) {
                        pending.putIfAbsent(next.getKey(), next.getValue());
                        if (!failing) {
                            log.warn("Cannot write status to Consul key {}: {}; retrying", next.getKey(), e.toString());
                            failing = true;
                        }
                        wait(RETRY_MILLIS);
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }
}
