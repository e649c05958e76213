package io.lintel.testkit;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.ClientTls;
import io.lintel.spi.filter.ExchangeOutcome;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.RequestAttribute;
import io.lintel.spi.filter.RuleRef;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * A request context for filter tests: a client on 127.0.0.1, no TLS, a rule, an optional body, attributes, and an
 * event loop that runs tasks at once unless the test gives one. {@link #complete} plays the exchange's end.
 */
public final class FakeRequestContext implements HttpRequestContext {

    private final RuleRef rule;
    private final Map<RequestAttribute<?>, Object> attributes = new HashMap<>();
    private final List<Consumer<ExchangeOutcome>> listeners = new ArrayList<>();
    private byte[] body;
    private Executor eventLoop = Runnable::run;

    public FakeRequestContext(RuleRef rule) {
        this.rule = requireNonNull(rule, "rule");
    }

    /** A context for rule 0 of HTTPRoute {@code default/test}. */
    public FakeRequestContext() {
        this(new RuleRef("HTTPRoute", "default", "test", 0, ""));
    }

    /** The body a filter that asked for it reads. */
    public FakeRequestContext withBody(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    public FakeRequestContext withEventLoop(Executor loop) {
        this.eventLoop = requireNonNull(loop, "loop");
        return this;
    }

    /** Ends the exchange: calls the listeners registered so far. */
    public void complete(ExchangeOutcome outcome) {
        listeners.forEach(listener -> listener.accept(outcome));
        listeners.clear();
    }

    @Override
    public SocketAddress remoteAddress() {
        return new InetSocketAddress("127.0.0.1", 50000);
    }

    @Override
    public SocketAddress localAddress() {
        return new InetSocketAddress("127.0.0.1", 8080);
    }

    @Override
    public Optional<ClientTls> tls() {
        return Optional.empty();
    }

    @Override
    public RuleRef rule() {
        return rule;
    }

    @Override
    public Optional<ByteBuffer> requestBody() {
        return body == null ? Optional.empty() : Optional.of(ByteBuffer.wrap(body).asReadOnlyBuffer());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(RequestAttribute<T> key) {
        return (T) attributes.get(key);
    }

    @Override
    public <T> void attribute(RequestAttribute<T> key, T value) {
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    @Override
    public Executor eventLoop() {
        return eventLoop;
    }

    @Override
    public void onComplete(Consumer<ExchangeOutcome> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }
}
