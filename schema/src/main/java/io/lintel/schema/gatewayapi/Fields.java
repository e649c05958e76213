package io.lintel.schema.gatewayapi;

import static io.lintel.schema.IntegerSchema.range;
import static io.lintel.schema.StringSchema.string;

import io.lintel.schema.Schema;

/**
 * The field types every Gateway API kind uses (the CRDs' {@code ObjectName}, {@code Namespace}, {@code Group},
 * {@code Kind}, {@code SectionName}, {@code Hostname}, {@code PreciseHostname}, {@code PortNumber}).
 */
public final class Fields {

    /** ObjectName: the CRDs bound its length only (the API server checks names of existing objects). */
    public static final Schema OBJECT_NAME = string().length(1, 253);
    public static final Schema NAMESPACE = string().length(1, 63).pattern(Patterns.DNS_LABEL);
    public static final Schema GROUP = string().length(0, 253).pattern(Patterns.GROUP);
    public static final Schema KIND = string().length(1, 63).pattern(Patterns.KIND);
    public static final Schema SECTION_NAME = string().length(1, 253).pattern(Patterns.DNS_SUBDOMAIN);
    public static final Schema HOSTNAME = string().length(1, 253).pattern(Patterns.HOSTNAME);
    public static final Schema PRECISE_HOSTNAME = string().length(1, 253).pattern(Patterns.PRECISE_HOSTNAME);
    public static final Schema PORT = range(1, 65535);

    private Fields() {}
}
