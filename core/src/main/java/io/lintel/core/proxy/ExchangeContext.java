package io.lintel.core.proxy;

import static java.util.Objects.requireNonNull;

import io.lintel.spi.filter.ClientTls;
import io.lintel.spi.filter.ExchangeOutcome;
import io.lintel.spi.filter.HttpRequestContext;
import io.lintel.spi.filter.RequestAttribute;
import io.lintel.spi.filter.RuleRef;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HttpRequestContext} of one exchange, made only when its rule has filters (a rule without filters pays
 * nothing for it). The exchange tells it the buffered body ({@link #body}) and its end ({@link #complete}), which
 * calls the completion listeners exactly once. Event loop only, like the exchange; listeners added from elsewhere hop
 * onto it.
 */
final class ExchangeContext implements HttpRequestContext {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeContext.class);

    private final Channel channel;
    private final EventExecutor loop;
    private final RuleRef rule;
    private final Optional<ClientTls> tls;
    /** The whole request body, read-only, when the rule's filters asked for it; else null. */
    private ByteBuffer body;
    private Map<RequestAttribute<?>, Object> attributes;
    private List<Consumer<ExchangeOutcome>> listeners;
    /** How the exchange ended, once it has; then listeners are called at once. */
    private ExchangeOutcome outcome;

    ExchangeContext(Channel channel, EventExecutor loop, RuleRef rule, Optional<ClientTls> tls) {
        this.channel = requireNonNull(channel, "channel");
        this.loop = requireNonNull(loop, "loop");
        this.rule = requireNonNull(rule, "rule");
        this.tls = requireNonNull(tls, "tls");
    }

    /** The body the rule's filters read; {@code bytes} is the exchange's own copy, never a data plane buffer. */
    void body(byte[] bytes) {
        body = ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return channel.localAddress();
    }

    @Override
    public Optional<ClientTls> tls() {
        return tls;
    }

    @Override
    public RuleRef rule() {
        return rule;
    }

    @Override
    public Optional<ByteBuffer> requestBody() {
        // a view of its own per call, so that one filter reading it does not move another's position
        return body == null ? Optional.empty() : Optional.of(body.duplicate());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(RequestAttribute<T> key) {
        requireNonNull(key, "key");
        return attributes == null ? null : (T) attributes.get(key);
    }

    @Override
    public <T> void attribute(RequestAttribute<T> key, T value) {
        requireNonNull(key, "key");
        if (value == null) {
            if (attributes != null) {
                attributes.remove(key);
            }
            return;
        }
        if (attributes == null) {
            // keys compare by identity: two plugins choosing one name never meet
            attributes = new IdentityHashMap<>(4);
        }
        attributes.put(key, key.type().cast(value));
    }

    @Override
    public Executor eventLoop() {
        return loop;
    }

    @Override
    public void onComplete(Consumer<ExchangeOutcome> listener) {
        requireNonNull(listener, "listener");
        if (!loop.inEventLoop()) {
            loop.execute(() -> onComplete(listener));
            return;
        }
        if (outcome != null) {
            notify(listener, outcome);
            return;
        }
        if (listeners == null) {
            listeners = new ArrayList<>(2);
        }
        listeners.add(listener);
    }

    /** The exchange ended: calls every listener once; later calls do nothing. */
    void complete(ExchangeOutcome ended) {
        if (outcome != null) {
            return;
        }
        outcome = ended;
        List<Consumer<ExchangeOutcome>> waiting = listeners;
        listeners = null;
        if (waiting != null) {
            for (Consumer<ExchangeOutcome> listener : waiting) {
                notify(listener, ended);
            }
        }
    }

    private void notify(Consumer<ExchangeOutcome> listener, ExchangeOutcome ended) {
        try {
            listener.accept(ended);
        } catch (RuntimeException e) {
            LOG.warn("{}: a completion listener failed", rule, e);
        }
    }
}
