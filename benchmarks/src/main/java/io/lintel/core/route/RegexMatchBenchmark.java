package io.lintel.core.route;

import io.lintel.core.ir.IrPathMatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One RegularExpression path match as the data plane evaluates it (RE2/J, issue #14), against java.util.regex:
 * {@code typical} is the scale layout's {@code /r<i>/[a-z]+} on a matching path; {@code nested} is {@code /(a+)+$}
 * on {@code /} + {@code length} a's + {@code !}, which backtracks exponentially in java.util.regex (so that engine
 * is only measured at small lengths: 2^length steps).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RegexMatchBenchmark {

    @Param({"16", "20", "10000"})
    int length;

    private PathMatcher typical;
    private PathMatcher nested;
    private java.util.regex.Pattern jdkTypical;
    private java.util.regex.Pattern jdkNested;
    private String typicalPath;
    private String nestedPath;

    @Setup
    public void setUp() {
        typical = PathMatcher.of(new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, "/r123/[a-z]+"),
                com.google.re2j.Pattern::compile);
        nested = PathMatcher.of(new IrPathMatch(IrPathMatch.Type.REGULAR_EXPRESSION, "/(a+)+$"),
                com.google.re2j.Pattern::compile);
        jdkTypical = java.util.regex.Pattern.compile("/r123/[a-z]+");
        jdkNested = java.util.regex.Pattern.compile("/(a+)+$");
        typicalPath = "/r123/abcdefgh";
        nestedPath = "/" + "a".repeat(length) + "!";
        if (!typical.matches(typicalPath) || nested.matches(nestedPath)) {
            throw new IllegalStateException("unexpected match results");
        }
    }

    @Benchmark
    public boolean typicalRe2j() {
        return typical.matches(typicalPath);
    }

    @Benchmark
    public boolean typicalJdk() {
        return jdkTypical.matcher(typicalPath).matches();
    }

    @Benchmark
    public boolean nestedRe2j() {
        return nested.matches(nestedPath);
    }

    @Benchmark
    public boolean nestedJdk() {
        if (length > 24) {
            return false; // would not finish
        }
        return jdkNested.matcher(nestedPath).matches();
    }
}
