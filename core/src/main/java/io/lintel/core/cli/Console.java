package io.lintel.core.cli;

import java.io.PrintWriter;

/** Where a command prints: its output (for people and scripts) and its errors; tests pass their own writers. */
record Console(PrintWriter out, PrintWriter err) {

    void flush() {
        out.flush();
        err.flush();
    }
}
