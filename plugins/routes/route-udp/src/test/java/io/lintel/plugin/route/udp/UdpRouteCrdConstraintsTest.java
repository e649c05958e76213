package io.lintel.plugin.route.udp;

import io.lintel.plugin.route.support.testing.CrdConstraintTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One refused and one accepted object per constraint of the UDPRoute CRD ({@code validation/udproute.yaml}). */
class UdpRouteCrdConstraintsTest {

    @TestFactory
    Stream<DynamicTest> verdictAsTheApiServer() {
        return CrdConstraintTable.cases("/validation/udproute.yaml", UdpRouteKind.KIND);
    }
}
