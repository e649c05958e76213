package io.lintel.plugin.route.grpc;

import io.lintel.plugin.route.support.testing.CrdConstraintTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** One refused and one accepted object per constraint of the GRPCRoute CRD ({@code validation/grpcroute.yaml}). */
class GrpcRouteCrdConstraintsTest {

    @TestFactory
    Stream<DynamicTest> verdictAsTheApiServer() {
        return CrdConstraintTable.cases("/validation/grpcroute.yaml", GrpcRouteKind.KIND);
    }
}
