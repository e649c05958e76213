package io.lintel.plugin.policy.ratelimit;

import io.lintel.plugin.filter.support.testing.PluginGoldenFiles;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The translator with this plugin loaded: {@code src/test/resources/golden/*.in.yaml} → {@code *.out.yaml}. */
class RateLimitGoldenTest {

    @TestFactory
    Stream<DynamicTest> golden() {
        return PluginGoldenFiles.cases("rate-limit", RateLimitPolicyFactoryTest.factory());
    }
}
