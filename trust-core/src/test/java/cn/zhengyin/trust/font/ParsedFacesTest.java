package cn.zhengyin.trust.font;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.junit.jupiter.api.Test;

class ParsedFacesTest {

    @Test
    void aParsedFaceIsGivenBackAndServesTheNextRendering() throws Exception {
        ParsedFaces pool = new ParsedFaces(2);
        TrueTypeFont first;
        try (ParsedFaces.Lease lease = pool.lease()) {
            first = lease.font(CjkFace.SONG_TI);
            assertThat(lease.font(CjkFace.SONG_TI)).isSameAs(first);
            assertThat(first.getUnicodeCmapLookup().getGlyphId('证')).isPositive();
        }
        try (ParsedFaces.Lease lease = pool.lease()) {
            assertThat(lease.font(CjkFace.SONG_TI)).isSameAs(first);
        }
        assertThat(pool.parses()).isEqualTo(1);
    }

    @Test
    void manyRenderingsAtOnceShareAtMostPerFaceParsedCopies() throws Exception {
        ParsedFaces pool = new ParsedFaces(2);
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger mostInUse = new AtomicInteger();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                done.add(threads.submit(() -> {
                    try (ParsedFaces.Lease lease = pool.lease()) {
                        lease.font(CjkFace.SONG_TI);
                        mostInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
                        Thread.sleep(2);
                        inUse.decrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        assertThat(mostInUse.get()).isBetween(1, 2);
        assertThat(pool.parses()).isBetween(1, 2);
    }

    @Test
    void aRenderingThatHoldsNoFaceWaitsForACopyToBeGivenBack() throws Exception {
        ParsedFaces pool = new ParsedFaces(1);
        ParsedFaces.Lease holder = pool.lease();
        TrueTypeFont held = holder.font(CjkFace.SONG_TI);
        CompletableFuture<TrueTypeFont> waiting = CompletableFuture.supplyAsync(() -> {
            try (ParsedFaces.Lease lease = pool.lease()) {
                return lease.font(CjkFace.SONG_TI);
            }
        });
        assertThatThrownBy(() -> waiting.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        holder.close();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isSameAs(held);
        assertThat(pool.parses()).isEqualTo(1);
    }

    @Test
    void aRenderingThatHoldsAFaceNeverWaitsForAnotherOneSoOppositeOrdersCannotDeadlock() throws Exception {
        ParsedFaces pool = new ParsedFaces(1);
        ParsedFaces.Lease a = pool.lease();
        ParsedFaces.Lease b = pool.lease();
        TrueTypeFont song = a.font(CjkFace.SONG_TI);
        TrueTypeFont babelStone = b.font(CjkFace.BABELSTONE_HAN);
        // each now asks for the face the other holds: both get a copy of their own at once
        TrueTypeFont aOwn = CompletableFuture.supplyAsync(() -> a.font(CjkFace.BABELSTONE_HAN))
                .get(30, TimeUnit.SECONDS);
        TrueTypeFont bOwn =
                CompletableFuture.supplyAsync(() -> b.font(CjkFace.SONG_TI)).get(30, TimeUnit.SECONDS);
        assertThat(aOwn).isNotSameAs(babelStone);
        assertThat(bOwn).isNotSameAs(song);
        a.close();
        b.close();
        assertThat(pool.parses()).isEqualTo(4);
        // the lease-own copies were dropped; the pooled ones serve the next rendering
        try (ParsedFaces.Lease next = pool.lease()) {
            assertThat(next.font(CjkFace.SONG_TI)).isSameAs(song);
            assertThat(next.font(CjkFace.BABELSTONE_HAN)).isSameAs(babelStone);
        }
        assertThat(pool.parses()).isEqualTo(4);
    }

    @Test
    void thePoolSizeIsAtLeastOne() {
        assertThatThrownBy(() -> new ParsedFaces(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThat(ParsedFaces.defaultPerFace()).isBetween(2, 8);
    }
}
