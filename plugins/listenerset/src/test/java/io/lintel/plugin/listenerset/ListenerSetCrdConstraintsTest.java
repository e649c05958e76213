package io.lintel.plugin.listenerset;

import io.lintel.plugin.route.support.testing.CrdConstraintTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One refused and one accepted object per constraint of the ListenerSet CRD ({@code validation/listenerset.yaml},
 * the rows core's inventory names for the kind).
 */
class ListenerSetCrdConstraintsTest {

    @TestFactory
    Stream<DynamicTest> verdictAsTheApiServer() {
        return CrdConstraintTable.cases("/validation/listenerset.yaml", new ListenerSetReader());
    }
}
