package io.lintel.core.server;

import static org.assertj.core.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reports a leaked {@code ByteBuf} (surefire runs with paranoid leak detection). After each
 * test it collects garbage and allocates a few tracked buffers, which makes the detector report whatever the
 * collector found unreleased; a leak reported during or right after a test fails that test.
 */
public final class NettyLeakDetection implements BeforeEachCallback, AfterEachCallback {

    private static final ConcurrentLinkedQueue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ByteBufUtil.setLeakListener((resourceType, records) -> LEAKS.add(resourceType + " leaked:\n" + records));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        provokeReports();
        LEAKS.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        provokeReports();
        List<String> leaks = new ArrayList<>(LEAKS);
        LEAKS.clear();
        if (!leaks.isEmpty()) {
            fail("Netty reported " + leaks.size() + " leaked buffer(s) in " + context.getDisplayName() + ":\n"
                    + String.join("\n", leaks));
        }
    }

    private static void provokeReports() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 64; i++) {
                // every tracked allocation polls the detector's queue of collected, unreleased buffers
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(8);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(8);
                unpooled.release();
            }
        }
    }
}
