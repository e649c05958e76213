package io.lintel.schema.gatewayapi;

/**
 * The regular expressions of the Gateway API v1.6 CRDs (and Kubernetes object names), in one place for every kind:
 * a field's pattern is part of the message that refuses it, so core and the plugins must quote the same text.
 */
public final class Patterns {

    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String HOSTNAME =
            "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String GROUP = "^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final String KIND = "^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$";
    public static final String CONTROLLER_NAME =
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$";
    public static final String PROTOCOL = "^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?"
            + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9]+$";
    public static final String ADDRESS_TYPE = "^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?"
            + "(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$";
    /** PreciseHostname: a DNS subdomain, no wildcard label. */
    public static final String PRECISE_HOSTNAME = DNS_SUBDOMAIN;
    /** CORSOrigin: {@code *}, or scheme http(s), a host with an optional leading wildcard label, optional port. */
    public static final String CORS_ORIGIN = "(^\\*$)|(^(http(s)?):\\/\\/(((\\*\\.)?([a-zA-Z0-9\\-]+\\.)*[a-zA-Z0-9-]+|\\*)"
            + "(:([0-9]{1,5}))?)$)";
    public static final String HEADER_NAME = "^[A-Za-z0-9!#$%&'*+\\-.^_`|~]+$";
    public static final String PATH_CHARS = "^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$";

    private Patterns() {}
}
