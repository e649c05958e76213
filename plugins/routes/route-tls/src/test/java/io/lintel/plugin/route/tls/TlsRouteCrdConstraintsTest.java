package io.lintel.plugin.route.tls;

import io.lintel.plugin.route.support.testing.CrdConstraintTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One refused and one accepted object per constraint of the TLSRoute CRD ({@code validation/tlsroute.yaml}). */
class TlsRouteCrdConstraintsTest {

    @TestFactory
    Stream<DynamicTest> verdictAsTheApiServer() {
        return CrdConstraintTable.cases("/validation/tlsroute.yaml", TlsRouteKind.KIND);
    }
}
