package io.lintel.core.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lintel.spi.filter.ExchangeOutcome;
import io.lintel.spi.filter.RequestAttribute;
import io.lintel.spi.filter.RuleRef;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The contract of a filter's request context apart from the data plane: attributes, body views, listeners. */
class ExchangeContextTest {

    private static final RuleRef RULE = new RuleRef("HTTPRoute", "default", "r", 0, "");
    private static final ExchangeOutcome OK = new ExchangeOutcome(200, 0, 2, Duration.ofMillis(1), false);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ExchangeContext context = new ExchangeContext(channel, channel.eventLoop(), RULE, Optional.empty());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void listenersAreCalledOnceEvenWhenOneThrows() {
        List<String> calls = new ArrayList<>();
        context.onComplete(outcome -> calls.add("first"));
        context.onComplete(outcome -> {
            throw new IllegalStateException("broken listener");
        });
        context.onComplete(outcome -> calls.add("third " + outcome.status()));

        context.complete(OK);
        context.complete(new ExchangeOutcome(502, 0, 0, Duration.ZERO, true));

        assertThat(calls).containsExactly("first", "third 200");
    }

    @Test
    void aListenerAddedOffTheEventLoopHopsOntoIt() throws Exception {
        DefaultEventLoop loop = new DefaultEventLoop();
        try {
            ExchangeContext onLoop = new ExchangeContext(channel, loop, RULE, Optional.empty());
            CompletableFuture<Boolean> calledOnLoop = new CompletableFuture<>();

            onLoop.onComplete(outcome -> calledOnLoop.complete(loop.inEventLoop())); // from the test's thread
            // the exchange ends on its loop, after the hop registered the listener (tasks run in order)
            loop.submit(() -> onLoop.complete(OK)).get(10, TimeUnit.SECONDS);

            assertThat(calledOnLoop.get(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
    }

    @Test
    void attributesAreTypedAndKeyedByIdentity() {
        RequestAttribute<String> principal = RequestAttribute.of("principal", String.class);
        RequestAttribute<String> sameName = RequestAttribute.of("principal", String.class);

        context.attribute(principal, "alice");

        assertThat(context.attribute(principal)).isEqualTo("alice");
        assertThat(context.attribute(sameName)).isNull();
        context.attribute(principal, null);
        assertThat(context.attribute(principal)).isNull();
    }

    @Test
    void eachBodyViewIsReadOnlyAndStartsAtTheBeginning() {
        context.body(new byte[] {1, 2, 3});

        ByteBuffer first = context.requestBody().orElseThrow();
        first.get();
        ByteBuffer second = context.requestBody().orElseThrow();

        assertThat(second.remaining()).isEqualTo(3);
        Executable write = () -> second.put(0, (byte) 9);
        org.junit.jupiter.api.Assertions.assertThrows(ReadOnlyBufferException.class, write);
    }

    @Test
    void noBodyWhenNoFilterAskedForIt() {
        assertThat(context.requestBody()).isEmpty();
    }
}
