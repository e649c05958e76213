package io.lintel.consul.fake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The fake's data: a KV store and a catalog of service instances with one health check each, stamped with a raft-like
 * index that grows by one per write. Every method is synchronized on this object; writers wake parked blocking
 * queries through {@link #notifyAll()}.
 */
final class ConsulState {

    /** One KV entry as Consul stores it. */
    record KvEntry(String key, byte[] value, long flags, long createIndex, long modifyIndex) {}

    /** One catalog instance with the state of its service check. */
    record Instance(ServiceInstance service, CheckStatus status, long createIndex, long modifyIndex) {}

    /** What a read returned and the index to send as {@code X-Consul-Index}. */
    record Result<T>(T value, long index) {}

    private long lastIndex = 1;
    private long kvIndex = 1;
    private long catalogIndex = 1;
    private final TreeMap<String, KvEntry> kv = new TreeMap<>();
    private final Map<String, Long> kvTombstones = new HashMap<>();
    private final TreeMap<String, Instance> instances = new TreeMap<>();
    private final Map<String, Long> serviceTombstones = new HashMap<>();
    private long generation;

    synchronized long index() {
        return lastIndex;
    }

    synchronized long put(String key, byte[] value) {
        long index = ++lastIndex;
        KvEntry old = kv.get(key);
        kv.put(key, new KvEntry(key, value.clone(), 0, old == null ? index : old.createIndex(), index));
        kvTombstones.remove(key);
        kvIndex = index;
        notifyAll();
        return index;
    }

    /** Deletes {@code key}, or every key starting with it when {@code recurse}; true when something was deleted. */
    synchronized boolean delete(String key, boolean recurse) {
        List<String> doomed = recurse ? List.copyOf(kv.subMap(key, true, key + Character.MAX_VALUE, true).keySet())
                : kv.containsKey(key) ? List.of(key) : List.of();
        if (doomed.isEmpty()) {
            return false;
        }
        long index = ++lastIndex;
        for (String gone : doomed) {
            kv.remove(gone);
            kvTombstones.put(gone, index);
        }
        kvIndex = index;
        notifyAll();
        return true;
    }

    synchronized Result<List<KvEntry>> kv(String key, boolean recurse) {
        List<KvEntry> entries = new ArrayList<>();
        long index = 0;
        for (KvEntry entry : kv.values()) {
            if (recurse ? entry.key().startsWith(key) : entry.key().equals(key)) {
                entries.add(entry);
                index = Math.max(index, entry.modifyIndex());
            }
        }
        for (Map.Entry<String, Long> tombstone : kvTombstones.entrySet()) {
            if (recurse ? tombstone.getKey().startsWith(key) : tombstone.getKey().equals(key)) {
                index = Math.max(index, tombstone.getValue());
            }
        }
        return new Result<>(List.copyOf(entries), index > 0 ? index : kvIndex);
    }

    synchronized long kvIndexOf(String key, boolean recurse) {
        return kv(key, recurse).index();
    }

    synchronized long register(ServiceInstance service, CheckStatus status) {
        long index = ++lastIndex;
        Instance old = instances.get(service.id());
        instances.put(service.id(), new Instance(service, status, old == null ? index : old.createIndex(), index));
        if (old != null && !old.service().service().equals(service.service())) {
            serviceTombstones.put(old.service().service(), index);
        }
        catalogIndex = index;
        notifyAll();
        return index;
    }

    synchronized boolean deregister(String id) {
        Instance old = instances.remove(id);
        if (old == null) {
            return false;
        }
        long index = ++lastIndex;
        serviceTombstones.put(old.service().service(), index);
        catalogIndex = index;
        notifyAll();
        return true;
    }

    synchronized boolean setStatus(String id, CheckStatus status) {
        Instance old = instances.get(id);
        if (old == null) {
            return false;
        }
        if (old.status() != status) {
            long index = ++lastIndex;
            instances.put(id, new Instance(old.service(), status, old.createIndex(), index));
            catalogIndex = index;
            notifyAll();
        }
        return true;
    }

    /** The instances of {@code service}; with {@code passing}, only those whose check passes; with a tag, only those carrying it. */
    synchronized Result<List<Instance>> health(String service, boolean passing, List<String> tags) {
        List<Instance> found = new ArrayList<>();
        long index = serviceTombstones.getOrDefault(service, 0L);
        for (Instance instance : instances.values()) {
            if (!instance.service().service().equals(service)) {
                continue;
            }
            index = Math.max(index, instance.modifyIndex());
            if ((!passing || instance.status() == CheckStatus.PASSING) && instance.service().tags().containsAll(tags)) {
                found.add(instance);
            }
        }
        return new Result<>(List.copyOf(found), index > 0 ? index : catalogIndex);
    }

    /**
     * Parks the calling thread until {@code index} exceeds {@code after}, {@code deadlineNanos} passes, or
     * {@link #wakeAll} is called (the server stops).
     */
    synchronized void awaitIndexAbove(LongSupplier index, long after, long deadlineNanos) throws InterruptedException {
        long startGeneration = generation;
        while (index.getAsLong() <= after && generation == startGeneration) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Releases every parked query (the server is stopping). */
    synchronized void wakeAll() {
        generation++;
        notifyAll();
    }

    /**
     * Renumbers everything to {@code base}, as a Consul restored from a snapshot or rebuilt from scratch shows a lower
     * index than its clients last saw. Tombstones are forgotten.
     */
    synchronized void resetIndexes(long base) {
        if (base < 1) {
            throw new IllegalArgumentException("base: " + base + " (expected: >= 1)");
        }
        lastIndex = base;
        kvIndex = base;
        catalogIndex = base;
        kv.replaceAll((key, entry) -> new KvEntry(key, entry.value(), entry.flags(), base, base));
        instances.replaceAll((id, instance) -> new Instance(instance.service(), instance.status(), base, base));
        kvTombstones.clear();
        serviceTombstones.clear();
        notifyAll();
    }

    synchronized Map<String, byte[]> kvSnapshot(String prefix) {
        Map<String, byte[]> copy = new TreeMap<>();
        kv.forEach((key, entry) -> {
            if (key.startsWith(prefix)) {
                copy.put(key, Arrays.copyOf(entry.value(), entry.value().length));
            }
        });
        return copy;
    }
}
