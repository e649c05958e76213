package io.lintel.spi.filter;

/**
 * A validated, pure-data filter configuration, produced by {@link HttpFilterFactory#translate}. Implementations are
 * immutable records: they are compared to decide whether a reload changed a filter and are shown by the admin
 * server's {@code /config}.
 */
public interface FilterSpec {}
