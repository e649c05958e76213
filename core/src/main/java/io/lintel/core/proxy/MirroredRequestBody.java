package io.lintel.core.proxy;

import io.netty.handler.codec.http.HttpContent;
import java.util.ArrayList;

/**
 * The request copies (mirrors) of one exchange that still wait for body parts: each part the client sends is offered
 * to every one of them as it arrives, so copies stream with the request instead of waiting for it to end. A copy
 * leaves once it has the whole body or has ended; whatever is left when the exchange ends never gets the rest and is
 * aborted. Belongs to one {@link Exchange}: event loop only.
 */
final class MirroredRequestBody {

    private final ArrayList<MirrorExchange> copies = new ArrayList<>(2);

    /** {@code body} with {@code copy} added, made when it is the exchange's first streaming copy. */
    static MirroredRequestBody add(MirroredRequestBody body, MirrorExchange copy) {
        MirroredRequestBody to = body != null ? body : new MirroredRequestBody();
        to.copies.add(copy);
        return to;
    }

    /** Offers a part to every waiting copy; the caller keeps {@code part} (each copy takes a retained duplicate). */
    void offer(HttpContent part) {
        // removeIf would allocate a lambda per part; copies are few
        for (int i = copies.size() - 1; i >= 0; i--) {
            if (!copies.get(i).offer(part)) {
                copies.remove(i);
            }
        }
    }

    /** The exchange ended: copies still waiting will never get the rest of the body. */
    void exchangeEnded() {
        for (MirrorExchange copy : copies) {
            copy.abort();
        }
        copies.clear();
    }
}
