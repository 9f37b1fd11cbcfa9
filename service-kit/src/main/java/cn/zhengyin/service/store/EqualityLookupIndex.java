package cn.zhengyin.service.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A unique index of the embedded store that also answers queries with conditions besides its keys.
 *
 * <p>mongo-java-server uses a unique index only for a query on exactly the index's fields: {@code {_id: x}} is a B-tree
 * lookup, but {@code {_id: x, revision: 3}} — every conditional update the services make (licence head moves, status
 * changes, idempotency records, serial counters, seal revisions, use-code redemption) — reads and deserialises every
 * document of the collection, under the store's write lock. At 54,000 licences that made each issuance wait for a scan
 * of the idempotency records and halved the bulk-import rate.
 *
 * <p>This wrapper lets the index answer any query that pins each of its keys to one plain value, at the top level or
 * inside a top-level {@code $and} (as the driver's {@code Filters.and} writes it): the index gives the at most one
 * document with those key values, and the collection then applies the <em>whole</em> query to it, exactly as it does for
 * an exact-key query. The answer is therefore the same as the scan's — a document that does not have those key values
 * cannot match the query anyway. Everything else is the wrapped index's own behaviour.
 */
final class EqualityLookupIndex extends Index<Object> {
    private final Index<Object> index;

    EqualityLookupIndex(Index<Object> index) {
        super(index.getName(), index.getKeys(), false);
        this.index = index;
    }

    @Override
    public boolean canHandle(Document query) {
        return index.canHandle(query) || pinnedKeys(query).isPresent();
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        return index.canHandle(query)
                ? index.getPositions(query)
                : index.getPositions(pinnedKeys(query).orElseThrow());
    }

    /** The query reduced to the index's keys, if it pins every one of them to a plain value. */
    Optional<Document> pinnedKeys(Document query) {
        Document keys = new Document();
        for (String key : keys()) {
            Optional<Object> value = pinnedValue(query, key);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            keys.put(key, value.get());
        }
        return Optional.of(keys);
    }

    private static Optional<Object> pinnedValue(Document query, String key) {
        Object value = query.get(key);
        if (value != null) {
            return isPlain(value) ? Optional.of(value) : Optional.empty();
        }
        if (query.get("$and") instanceof List<?> conjuncts) {
            for (Object conjunct : conjuncts) {
                if (conjunct instanceof Document d) {
                    Optional<Object> found = pinnedValue(d, key);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A value an equality match on it is a lookup of: not an operator document, array, regular expression or null. */
    private static boolean isPlain(Object value) {
        return !(value instanceof Document)
                && !(value instanceof Collection<?>)
                && !(value instanceof Pattern)
                && !(value instanceof Missing)
                && !BsonRegularExpression.isRegularExpression(value)
                && !value.getClass().isArray();
    }

    @Override
    public boolean isUnique() {
        return index.isUnique();
    }

    @Override
    public Object getPosition(Document document) {
        return index.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        index.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        index.add(document, position, collection);
    }

    @Override
    public Object remove(Document document) {
        return index.remove(document);
    }

    @Override
    public long getCount() {
        return index.getCount();
    }

    @Override
    public long getDataSize() {
        return index.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        index.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection)
            throws KeyConstraintError {
        index.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        index.drop();
    }
}
