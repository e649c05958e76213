package io.lintel.plugin.route.tcp;

import io.lintel.plugin.route.support.testing.CrdConstraintTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One refused and one accepted object per constraint of the TCPRoute CRD ({@code validation/tcproute.yaml}). */
class TcpRouteCrdConstraintsTest {

    @TestFactory
    Stream<DynamicTest> verdictAsTheApiServer() {
        return CrdConstraintTable.cases("/validation/tcproute.yaml", TcpRouteKind.KIND);
    }
}
