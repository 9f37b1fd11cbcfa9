package cn.zhengyin.trust.font;

import java.io.IOException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.fontbox.ttf.TrueTypeFont;

/**
 * A bounded pool of parsed faces ({@link CjkFace#parseUnhinted()}) shared by every renderer of a process.
 *
 * <p>A parsed face is large: fontbox's parser copies the whole face into each {@link TrueTypeFont} and its glyf table
 * once more (about 8.6 MB for the Song face), and a {@code TrueTypeFont} serves one rendering at a time. Pools that
 * grew with the number of renderings in flight held 13 parsed Song faces (112 MB of a 512 MB heap) in the licence
 * service during a bulk import. Here each face has at most {@link #perFace()} parsed copies in the pool; a rendering
 * borrows faces through a {@link Lease} and gives them back when it closes the lease.
 *
 * <p>Waiting: a lease waits for a face only while it holds none, so two renderings that need the same faces in
 * opposite orders never wait for each other. A lease that already holds a face and finds the next one's copies all in
 * use parses a copy of its own, used by that lease only and dropped when it closes. Renderings are CPU work: with
 * {@code perFace} at the number of processors, the rendering in flight still keeps every core busy. Thread-safe.
 */
public final class ParsedFaces {

    private static final ParsedFaces SHARED = new ParsedFaces(defaultPerFace());

    private final int perFace;
    private final Map<CjkFace, Slot> slots = new EnumMap<>(CjkFace.class);
    private final AtomicInteger parses = new AtomicInteger();

    /** The parsed copies of one face: at most {@code perFace} exist, in use (with a permit) or idle. */
    private static final class Slot {
        final Semaphore permits;
        final ConcurrentLinkedQueue<TrueTypeFont> idle = new ConcurrentLinkedQueue<>();

        Slot(int permits) {
            this.permits = new Semaphore(permits, true);
        }
    }

    /**
     * A pool with at most {@code perFace} pooled copies of each face.
     *
     * @throws IllegalArgumentException if {@code perFace} is below 1
     */
    public ParsedFaces(int perFace) {
        if (perFace < 1) {
            throw new IllegalArgumentException("perFace must be at least 1, got " + perFace);
        }
        this.perFace = perFace;
        for (CjkFace face : CjkFace.values()) {
            slots.put(face, new Slot(perFace));
        }
    }

    /** The process's pool: as many copies of a face as processors, at least 2 and at most 8. */
    public static ParsedFaces shared() {
        return SHARED;
    }

    static int defaultPerFace() {
        return Math.clamp(Runtime.getRuntime().availableProcessors(), 2, 8);
    }

    /** At most this many parsed copies of a face are pooled. */
    public int perFace() {
        return perFace;
    }

    /** How many times this pool has parsed a face (pooled copies and a lease's own). */
    public int parses() {
        return parses.get();
    }

    /** A new lease for one rendering; use it from one thread and close it when the rendering is done. */
    public Lease lease() {
        return new Lease();
    }

    /** The faces one rendering uses. Not thread-safe; {@link #close()} gives them back. */
    public final class Lease implements AutoCloseable {
        private final Map<CjkFace, TrueTypeFont> held = new EnumMap<>(CjkFace.class);
        private final EnumSet<CjkFace> pooled = EnumSet.noneOf(CjkFace.class);

        private Lease() {}

        /**
         * The parsed face, borrowed on first use and the same object until {@link #close()}.
         *
         * @throws cn.zhengyin.trust.TrustException if the bundled face cannot be read (a broken build)
         */
        public TrueTypeFont font(CjkFace face) {
            TrueTypeFont font = held.get(face);
            if (font != null) {
                return font;
            }
            Slot slot = Objects.requireNonNull(slots.get(face));
            boolean permit;
            if (held.isEmpty()) {
                slot.permits.acquireUninterruptibly();
                permit = true;
            } else {
                permit = slot.permits.tryAcquire();
            }
            try {
                font = permit ? slot.idle.poll() : null;
                if (font == null) {
                    parses.incrementAndGet();
                    font = face.parseUnhinted();
                }
            } catch (RuntimeException e) {
                if (permit) {
                    slot.permits.release();
                }
                throw e;
            }
            held.put(face, font);
            if (permit) {
                pooled.add(face);
            }
            return font;
        }

        /** Gives the pooled faces back and drops the lease's own copies. */
        @Override
        public void close() {
            held.forEach((face, font) -> {
                if (pooled.contains(face)) {
                    Slot slot = Objects.requireNonNull(slots.get(face));
                    slot.idle.offer(font);
                    slot.permits.release();
                } else {
                    try {
                        font.close();
                    } catch (IOException ignored) {
                        // an in-memory buffer: nothing to release
                    }
                }
            });
            held.clear();
            pooled.clear();
        }
    }
}
