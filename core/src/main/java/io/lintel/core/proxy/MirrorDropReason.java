package io.lintel.core.proxy;

/**
 * Why a request copy (mirror) was given up before its answer arrived. A closed set, so that the metric labelled
 * with it ({@code lintel_mirror_dropped_total{reason}}) has a bounded number of series.
 */
public enum MirrorDropReason {
    /** The mirror did not take the body as fast as the client sent it: its pending bytes passed the bound. */
    SLOW("slow"),
    /** No ready endpoint, or the connection to it failed. */
    CONNECT("connect"),
    /** Too many copies were in flight on the event loop already. */
    OVERLOAD("overload"),
    /** The request ended (client gone, stream reset, answered early) before its whole body reached the copy. */
    ABORTED("aborted"),
    /** The mirror had the whole request and did not answer in time. */
    TIMEOUT("timeout"),
    /** Anything else: the mirror closed the connection or answered garbage, or the body could not be copied. */
    ERROR("error");

    private final String label;

    MirrorDropReason(String label) {
        this.label = label;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }
}
