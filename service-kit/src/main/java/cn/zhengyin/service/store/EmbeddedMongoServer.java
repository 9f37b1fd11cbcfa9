package cn.zhengyin.service.store;

import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server) on 127.0.0.1, backed by an H2 MVStore file in which
 * every acknowledged write is committed before the server replies, so that it survives {@code kill -9}.
 *
 * <p>The data file is {@code <directory>/}{@value #DATA_FILE_NAME}. MVStore locks the file: one server per directory.
 * Close the server to release the port and the file.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    /** Name of the MVStore data file inside the data directory. */
    public static final String DATA_FILE_NAME = "mongo.mv.db";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

    private final MongoServer server;
    private final DurableH2Backend backend;
    private final Optional<Path> dataFile;
    private final InetSocketAddress address;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongoServer(DurableH2Backend backend, Optional<Path> dataFile, int port) {
        this.dataFile = dataFile;
        this.backend = backend;
        this.server = new MongoServer(backend);
        try {
            server.bind("127.0.0.1", port);
        } catch (RuntimeException e) { // bind() has already shut the server and the backend down
            throw new IllegalStateException(
                    "Could not bind the embedded MongoDB server to 127.0.0.1:" + port
                            + "; choose another port with zhengyin.store.embedded.port (0 picks a free one)",
                    e);
        }
        this.address = server.getLocalAddress();
        log.info(
                "Embedded MongoDB listening on {} with data in {}",
                connectionString(),
                dataFile.map(Path::toString).orElse("memory (not durable)"));
    }

    /**
     * Opens (or creates) the data file in {@code directory} and starts a server on 127.0.0.1.
     *
     * @param directory the data directory, created if absent
     * @param port      the TCP port, 0 for a free one
     * @param fsync     also force the file to the storage device after each commit (survives power loss, slower);
     *                  without it a commit reaches the operating system, which is enough to survive a killed process
     */
    public static EmbeddedMongoServer open(Path directory, int port, boolean fsync) {
        Path file = directory.toAbsolutePath().resolve(DATA_FILE_NAME);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot create the embedded MongoDB data directory " + directory
                            + "; set zhengyin.store.embedded.directory to a writable path",
                    e);
        }
        MVStore mvStore = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled() // no background commit thread ...
                .autoCommitBufferSize(0) // ... and no commit in the middle of a command when memory fills up
                // No LZF compression: the bulk of the data (licence PDFs, seal images) is already Flate-compressed, and
                // compressing every page written took ~15% of the licence service's CPU per issued licence. Files
                // written
                // with compression stay readable (each page records how it is compressed).
                .open();
        return new EmbeddedMongoServer(new DurableH2Backend(mvStore, fsync), Optional.of(file), port);
    }

    /** Opens the data file in {@code directory} on a free port, without fsync. */
    public static EmbeddedMongoServer open(Path directory) {
        return open(directory, 0, false);
    }

    /** Starts a server whose data lives only in memory (for tests). */
    public static EmbeddedMongoServer inMemory() {
        MVStore mvStore = new MVStore.Builder().autoCommitDisabled().open();
        return new EmbeddedMongoServer(new DurableH2Backend(mvStore, false), Optional.empty(), 0);
    }

    /** The connection string clients use, e.g. {@code mongodb://127.0.0.1:41234}. */
    /** The storage engine, for tests of its behaviour. */
    DurableH2Backend backend() {
        return backend;
    }

    public ConnectionString connectionString() {
        return new ConnectionString("mongodb://127.0.0.1:" + address.getPort());
    }

    /** The port the server listens on. */
    public int port() {
        return address.getPort();
    }

    /** The MVStore data file, empty for an in-memory server. */
    public Optional<Path> dataFile() {
        return dataFile;
    }

    /** Stops accepting connections, closes client connections and closes the data file (storing what is left). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.shutdownNow(); // closes the backend, which closes (and stores) the MVStore
        log.info("Embedded MongoDB on port {} stopped", address.getPort());
    }
}
