package io.lintel.core.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The intermediate representation: everything the data plane needs, as plain immutable records, produced by the
 * translator from a snapshot. Sockets are sorted by address and port; lists keep the order that decides matching.
 */
public record Ir(List<IrSocket> sockets) {

    public static final Ir EMPTY = new Ir(List.of());

    public Ir {
        sockets = List.copyOf(requireNonNull(sockets, "sockets"));
    }
}
