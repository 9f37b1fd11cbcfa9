package cn.zhengyin.service.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * An {@link H2Backend} whose MVStore never commits on its own: a command that may have changed data returns — and
 * mongo-java-server sends its reply — only after a commit ({@link MVStore#commit()}, which writes the chunk to the file
 * before returning) that started after the command's changes were made. An acknowledged write therefore survives a
 * {@code kill -9}. Commits are shared (group commit, issue #18): writes that execute while a commit is being written are
 * all committed by the next one, so under concurrent load one commit acknowledges many writes.
 *
 * <p>Reads see writes that have executed but whose commit is still being written (as MongoDB's read concern
 * {@code local} sees writes before they reach the journal); such a write's own caller has no answer yet, and a write
 * that depends on it (a conditional update, a counter) is committed with it or after it, never before.
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
    private long committedWrites;
    private final ReentrantReadWriteLock commitLock = new ReentrantReadWriteLock();
    private final ReentrantLock writes = new ReentrantLock(true);
    /** Tickets of write commands whose execution has finished (each write takes the next one). */
    private final AtomicLong executedWrites = new AtomicLong();

    private final AtomicLong commits = new AtomicLong();
    /** Guards {@link #durableWrites} and {@link #committing}. */
    private final Object group = new Object();
    /** Every write with a ticket up to this one is committed. */
    private long durableWrites;
    /** Whether a thread is committing for the group now. */
    private boolean committing;

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
        if (!mayWrite(command)) {
            commitLock.readLock().lock();
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                commitLock.readLock().unlock();
            }
        }
        long ticket = 0;
        writes.lock();
        try {
            commitLock.readLock().lock();
            try {
                return super.handleCommand(channel, databaseName, command, query);
            } finally {
                commitLock.readLock().unlock();
                // Also after a failed command: an ordered insertMany may have stored documents before its error.
                ticket = executedWrites.incrementAndGet();
            }
        } finally {
            writes.unlock();
            // The reply leaves only once a commit that started after this command has been written (group commit).
            awaitDurable(ticket);
        }
    }

    /**
     * Group commit (issue #18): returns once the write with this ticket is committed. The first waiting thread that
     * finds no commit in progress commits everything executed so far — its own write and those of the threads that
     * executed while the previous commit was being written — and wakes them all; one commit (and one fsync) then
     * acknowledges many writes, and no write is acknowledged before a commit that covers it has returned.
     */
    private void awaitDurable(long ticket) {
        boolean interrupted = false;
        try {
            while (true) {
                synchronized (group) {
                    while (durableWrites < ticket && committing) {
                        try {
                            group.wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the reply must not leave before the commit: keep waiting
                        }
                    }
                    if (durableWrites >= ticket) {
                        return;
                    }
                    committing = true;
                }
                long covered = -1;
                try {
                    covered = commitExecuted();
                } finally {
                    synchronized (group) {
                        committing = false;
                        if (covered > durableWrites) {
                            durableWrites = covered;
                        }
                        group.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Commits every write executed so far; answers the ticket of the last one it covers. */
    private long commitExecuted() {
        long covered;
        commitLock.writeLock().lock();
        try {
            // No command is executing now (they hold the read side), so every write up to this ticket is complete.
            covered = executedWrites.get();
            commitHeld();
            writesSinceCompaction += (int) Math.min(Integer.MAX_VALUE, covered - committedWrites);
            committedWrites = covered;
            if (writesSinceCompaction >= COMPACT_EVERY_WRITES) {
                writesSinceCompaction = 0;
                compactHeld();
            }
        } finally {
            commitLock.writeLock().unlock();
        }
        commits.incrementAndGet();
        return covered;
    }

    private static boolean mayWrite(String command) {
        return !READ_ONLY_COMMANDS.contains(command.toLowerCase(Locale.ROOT));
    }

    /** Stores every change made so far, waiting for a commit another thread may have in progress. */
    void commitNow() {
        commitLock.writeLock().lock();
        try {
            commitHeld();
        } finally {
            commitLock.writeLock().unlock();
        }
    }

    /** How many commits group commit has made (for tests: fewer than the writes they acknowledged). */
    long groupCommits() {
        return commits.get();
    }

    /** Commits with the write side of {@code commitLock} held. */
    private void commitHeld() {
        if (mvStore.isClosed()) {
            return;
        }
        long before = mvStore.getCurrentVersion();
        mvStore.commit();
        if (fsync && mvStore.getCurrentVersion() != before) {
            mvStore.sync();
        }
    }

    /** Every {@value #COMPACT_EVERY_WRITES} committed writes, one bounded compaction step (write side held). */
    private void compactHeld() {
        if (mvStore.isClosed() || mvStore.getFileStore() == null) {
            return;
        }
        // Live pages of sparse chunks are copied into the next chunk; the old chunks become free space that later
        // chunks reuse (after MVStore's retention time). Nothing acknowledged is lost: the commit below is as
        // durable as any other, and until it is written the old chunks still hold the data.
        if (mvStore.compact(COMPACT_TARGET_FILL_RATE, COMPACT_WRITE_BYTES)) {
            commitHeld();
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
