package cn.zhengyin.service.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * An {@link H2Backend} whose MVStore never commits on its own: after every command that may have changed data the
 * store is committed ({@link MVStore#commit()}, which writes the chunk to the file before returning) before the command
 * returns, and so before mongo-java-server sends the reply. An acknowledged write therefore survives a {@code kill -9}.
 *
 * <p>Commands run under the shared side of a read/write lock and the commit under the exclusive side, so a commit never
 * persists half of another thread's command (for example a document without its unique-index entry).
 *
 * <p>Commands that may write run one at a time, each with its commit. mongo-java-server does not make a read-modify-write
 * such as {@code findAndModify} with {@code $inc} atomic across threads, and MongoDB's single-document atomicity is
 * what the services rely on (serial counters, conditional head updates, unique inserts): two concurrent increments
 * of one counter were seen to return the same value. Reads stay concurrent.
 *
 * <p>Its databases' unique indexes also answer queries with conditions besides their keys ({@link EqualityLookupIndex}),
 * so a conditional update by {@code _id} is a lookup, not a scan of the collection under the write lock.
 */
final class DurableH2Backend extends H2Backend {

    /** Commands known not to modify data; every other command is followed by a commit. */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "find",
            "getmore",
            "count",
            "distinct",
            "listcollections",
            "listindexes",
            "listdatabases",
            "hello",
            "ismaster",
            "ping",
            "buildinfo",
            "serverstatus",
            "dbstats",
            "collstats",
            "whatsmyuri",
            "getlasterror",
            "getlog",
            "getparameter",
            "getcmdlineopts",
            "hostinfo",
            "connectionstatus",
            "endsessions",
            "killcursors",
            "explain",
            "validate",
            "getfreemonitoringstatus",
            "saslstart",
            "saslcontinue");

    /**
     * Every this many committed write commands the least-filled chunks are rewritten. With the background writer
     * disabled MVStore never does this itself, and committing every write leaves many chunks mostly dead: the file
     * grew to twice its live data (chunk fill rate ~45%, e.g. ~500 KB on disk per ~230 KB licence).
     */
    static final int COMPACT_EVERY_WRITES = 200;
    /** Rewrite chunks while the chunks' fill rate is below this percentage. */
    static final int COMPACT_TARGET_FILL_RATE = 80;
    /** At most this many bytes are rewritten per compaction step, bounding the pause of a write. */
    static final int COMPACT_WRITE_BYTES = 8 * 1024 * 1024;

    private final MVStore mvStore;
    private final boolean fsync;
    private int writesSinceCompaction;
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();
    private final ReentrantLock writes = new ReentrantLock(true);

    DurableH2Backend(MVStore mvStore, boolean fsync) {
        super(mvStore);
        this.mvStore = mvStore;
        this.fsync = fsync;
        commitNow();
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new LookupIndexedH2Database(databaseName, getMvStore(), getCursorRegistry()); // also called from super()
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        boolean write = mayWrite(command);
        if (write) {
            writes.lock();
        }
        try {
            commitLock.readLock().lock();
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                commitLock.readLock().unlock();
                // Also after a failed command: an ordered insertMany may have stored documents before its error.
                if (write) {
                    commitNow();
                    compactNowAndThen();
                }
            }
        } finally {
            if (write) {
                writes.unlock();
            }
        }
    }

    private static boolean mayWrite(String command) {
        return !READ_ONLY_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    /** Stores every change made so far, waiting for a commit another thread may have in progress. */
    void commitNow() {
        commitLock.writeLock().lock();
        try {
            if (mvStore.isClosed()) {
                return;
            }
            long before = mvStore.getCurrentVersion();
            mvStore.commit();
            if (fsync && mvStore.getCurrentVersion() != before) {
                mvStore.sync();
            }
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    /** Called with {@code writes} held: every {@value #COMPACT_EVERY_WRITES} writes, one bounded compaction step. */
    private void compactNowAndThen() {
        if (++writesSinceCompaction < COMPACT_EVERY_WRITES) {
            return;
        }
        writesSinceCompaction = 0;
        commitLock.writeLock().lock();
        try {
            if (mvStore.isClosed() || mvStore.getFileStore() == null) {
                return;
            }
            // Live pages of sparse chunks are copied into the next chunk; the old chunks become free space that later
            // chunks reuse (after MVStore's retention time). Nothing acknowledged is lost: the commit below is as
            // durable as any other, and until it is written the old chunks still hold the data.
            if (mvStore.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES)) {
                long before = mvStore.getCurrentVersion();
                mvStore.commit();
                if (fsync && mvStore.getCurrentVersion() != before) {
                    mvStore.sync();
                }
            }
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        commitLock.writeLock().lock();
        try {
            super.close();
        } finally {
            commitLock.writeLock().unlock();
        }
    }
}
