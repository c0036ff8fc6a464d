package org.dovetail.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TransferPoolTest {

    @Test
    void aPoolOfNThreadsHasNTransfersInFlightAtOnce() {
        int threads = 32;
        CountDownLatch allStarted = new CountDownLatch(threads);
        List<Integer> items = IntStream.range(0, threads).boxed().toList();
        try (TransferPool pool = new TransferPool("test", threads)) {
            // each transfer waits for all the others to have started: only a pool running them all at once lets every one see that
            List<Boolean> sawAll = pool.map(items, i -> {
                allStarted.countDown();
                try {
                    return allStarted.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            assertThat(sawAll).hasSize(threads).containsOnly(true);
        }
    }

    @Test
    void resultsKeepTheItemsOrder() {
        try (TransferPool pool = new TransferPool("test", 3)) {
            assertThat(pool.map(List.of(5, 1, 4, 2, 3), i -> i * 10)).containsExactly(50, 10, 40, 20, 30);
        }
    }

    @Test
    void aPoolNeedsAThread() {
        assertThatThrownBy(() -> new TransferPool("test", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one thread");
    }
}
