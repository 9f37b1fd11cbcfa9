package cn.zhengyin.service.custody;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/** Chains in the {@value #COLLECTION} collection: {@code {_id: keyId, chain: [DER, ...]}}. */
public final class MongoCertificateChainStore implements CertificateChainStore {
    static final String COLLECTION = "key_certificate_chains";
    private final MongoCollection<Document> collection;

    public MongoCertificateChainStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public Optional<List<X509Certificate>> find(String keyId) {
        Document document = collection.find(Filters.eq("_id", keyId)).first();
        if (document == null) {
            return Optional.empty();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (Object der : document.getList("chain", Object.class)) {
                byte[] bytes = der instanceof Binary binary ? binary.getData() : (byte[]) der;
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes)));
            }
            return Optional.of(List.copyOf(chain));
        } catch (CertificateException e) {
            throw new IllegalStateException(
                    "The stored certificate chain of key '" + keyId + "' is corrupt: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String keyId, List<X509Certificate> chain) {
        List<Binary> ders = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            try {
                ders.add(new Binary(certificate.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException(
                        "Cannot encode certificate " + certificate.getSubjectX500Principal() + ": " + e.getMessage(),
                        e);
            }
        }
        collection.replaceOne(
                Filters.eq("_id", keyId),
                new Document("_id", keyId).append("chain", ders),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public void remove(String keyId) {
        collection.deleteOne(Filters.eq("_id", keyId));
    }
}
