package io.lintel.testkit;

import io.lintel.spi.filter.HttpResponseHead;

/** A mutable {@link HttpResponseHead}. */
public final class FakeResponseHead implements HttpResponseHead {

    private final FakeHeaders headers;
    private int status;

    public FakeResponseHead(int status, FakeHeaders headers) {
        this.status = status;
        this.headers = headers;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public void status(int status) {
        this.status = status;
    }

    @Override
    public FakeHeaders headers() {
        return headers;
    }
}
