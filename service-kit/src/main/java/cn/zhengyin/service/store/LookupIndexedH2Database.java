package cn.zhengyin.service.store;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVStore;

/** An H2 database of the embedded store whose unique indexes are {@link EqualityLookupIndex}es. */
final class LookupIndexedH2Database extends H2Database {

    LookupIndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        Index<Object> index = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        // A sparse index leaves out documents without its keys, so a lookup in it is not the whole answer.
        return sparse ? index : new EqualityLookupIndex(index);
    }
}
