package io.lintel.plugin.policy.backendtls;

import io.lintel.plugin.route.support.testing.CrdConstraintTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One refused and one accepted object per constraint of the BackendTLSPolicy CRD
 * ({@code validation/backendtlspolicy.yaml}).
 */
class BackendTlsPolicyCrdConstraintsTest {

    @TestFactory
    Stream<DynamicTest> verdictAsTheApiServer() {
        return CrdConstraintTable.cases("/validation/backendtlspolicy.yaml", new BackendTlsPolicyReader());
    }
}
