package cn.zhengyin.seal.lifecycle.internal;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.elemMatch;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import cn.zhengyin.seal.lifecycle.CertificateRevocation;
import cn.zhengyin.seal.lifecycle.ConcurrentSealUpdateException;
import cn.zhengyin.seal.lifecycle.Organisation;
import cn.zhengyin.seal.lifecycle.Seal;
import cn.zhengyin.seal.lifecycle.SealCertificate;
import cn.zhengyin.seal.lifecycle.SealEvent;
import cn.zhengyin.seal.lifecycle.SealEventType;
import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealState;
import cn.zhengyin.seal.lifecycle.SealTypes;
import cn.zhengyin.seal.lifecycle.ValidityPeriod;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.pki.RevocationReason;
import cn.zhengyin.trust.seal.SealType;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;

/**
 * {@link SealRepository} in the {@code seals} collection: one document per seal, its events embedded and only ever
 * appended ({@code $push}), every change a {@code findOneAndUpdate} conditional on {@code _id} and {@code revision}.
 */
public final class MongoSealRepository implements SealRepository {
    private final MongoCollection<Document> seals;

    public MongoSealRepository(MongoDatabase database) {
        this.seals = database.getCollection("seals");
        seals.createIndex(Indexes.ascending("organisation.uscc", "type"));
        seals.createIndex(Indexes.ascending("certificates.issuerCa", "certificates.serial"));
    }

    @Override
    public void insert(Seal seal) {
        Document document = new Document("_id", seal.id()).append("revision", 0L);
        state(seal).forEach(document::append);
        document.append(
                "events", seal.events().stream().map(MongoSealRepository::event).toList());
        try {
            seals.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new IllegalStateException("seal id " + seal.id() + " is taken", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Seal> find(String id) {
        return Optional.ofNullable(seals.find(eq("_id", id)).first()).map(MongoSealRepository::seal);
    }

    @Override
    public Seal update(Seal seal, Optional<SealEvent> event) {
        List<Bson> updates = new ArrayList<>();
        state(seal)
                .forEach((field, value) ->
                        updates.add(value == null ? Updates.unset(field) : Updates.set(field, value)));
        updates.add(Updates.set("revision", seal.revision() + 1));
        event.ifPresent(e -> updates.add(Updates.push("events", event(e))));
        Document after = seals.findOneAndUpdate(
                and(eq("_id", seal.id()), eq("revision", seal.revision())),
                Updates.combine(updates),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (after == null) {
            if (find(seal.id()).isEmpty()) {
                throw new SealNotFoundException(seal.id());
            }
            throw new ConcurrentSealUpdateException(seal.id(), seal.revision());
        }
        return seal(after);
    }

    @Override
    public List<Seal> search(Optional<String> organisationUscc, Optional<SealType> type) {
        List<Bson> filters = new ArrayList<>();
        organisationUscc.ifPresent(u -> filters.add(eq("organisation.uscc", u.toUpperCase(Locale.ROOT))));
        type.ifPresent(t -> filters.add(eq("type", t.code())));
        Bson filter = filters.isEmpty() ? new Document() : and(filters);
        return seals.find(filter)
                .sort(Sorts.descending("appliedAt"))
                .map(MongoSealRepository::seal)
                .into(new ArrayList<>());
    }

    @Override
    public List<Seal> withRevokedCertificates() {
        return seals.find(exists("revocation")).map(MongoSealRepository::seal).into(new ArrayList<>());
    }

    @Override
    public Optional<Seal> findByCertificate(String issuerCa, BigInteger serial) {
        return Optional.ofNullable(seals.find(
                                elemMatch("certificates", and(eq("issuerCa", issuerCa), eq("serial", hex(serial)))))
                        .first())
                .map(MongoSealRepository::seal);
    }

    /** The fields a transition may change (null = unset). */
    private static java.util.Map<String, Object> state(Seal seal) {
        java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put(
                "organisation",
                new Document("name", seal.organisation().name())
                        .append("uscc", seal.organisation().uscc()));
        fields.put("type", seal.type().code());
        fields.put("kindName", seal.kindName());
        fields.put("name", seal.name());
        fields.put("validFrom", Date.from(seal.validity().notBefore()));
        fields.put("validUntil", Date.from(seal.validity().notAfter()));
        fields.put("state", seal.state().name());
        fields.put("applicant", seal.applicant());
        fields.put("appliedAt", Date.from(seal.events().getFirst().at()));
        fields.put(
                "certificates",
                seal.certificates().stream()
                        .map(c -> new Document("algorithm", c.algorithm().name())
                                .append("keyId", c.keyId())
                                .append("issuerCa", c.issuerCa())
                                .append("serial", hex(c.serialNumber()))
                                .append(
                                        "chain",
                                        c.chain().stream()
                                                .map(MongoSealRepository::der)
                                                .toList()))
                        .toList());
        fields.put("imageId", seal.imageId().orElse(null));
        fields.put("seseal", seal.seseal().map(Binary::new).orElse(null));
        fields.put("sesealPending", seal.sesealPending());
        fields.put(
                "revocation",
                seal.revocation()
                        .map(r -> new Document("at", Date.from(r.at()))
                                .append("reason", r.reason().rfcName()))
                        .orElse(null));
        return fields;
    }

    private static Document event(SealEvent e) {
        return new Document("type", e.type().name())
                .append("from", e.from() == null ? null : e.from().name())
                .append("to", e.to().name())
                .append("actor", e.actor())
                .append("reason", e.reason())
                .append("at", Date.from(e.at()));
    }

    private static Seal seal(Document d) {
        Document org = d.get("organisation", Document.class);
        List<SealEvent> events = d.getList("events", Document.class).stream()
                .map(e -> new SealEvent(
                        SealEventType.valueOf(e.getString("type")),
                        e.getString("from") == null ? null : SealState.valueOf(e.getString("from")),
                        SealState.valueOf(e.getString("to")),
                        e.getString("actor"),
                        e.getString("reason"),
                        e.getDate("at").toInstant()))
                .toList();
        List<SealCertificate> certificates = d.getList("certificates", Document.class, List.of()).stream()
                .map(c -> new SealCertificate(
                        SignatureAlgorithm.valueOf(c.getString("algorithm")),
                        c.getString("keyId"),
                        c.getString("issuerCa"),
                        c.getList("chain", Binary.class).stream()
                                .map(b -> certificate(b.getData()))
                                .toList()))
                .toList();
        Document revocation = d.get("revocation", Document.class);
        Binary seseal = d.get("seseal", Binary.class);
        return new Seal(
                d.getString("_id"),
                new Organisation(org.getString("name"), org.getString("uscc")),
                SealTypes.ofCode(d.getString("type")),
                d.getString("kindName"),
                d.getString("name"),
                new ValidityPeriod(
                        d.getDate("validFrom").toInstant(),
                        d.getDate("validUntil").toInstant()),
                SealState.valueOf(d.getString("state")),
                d.getString("applicant"),
                ((Number) d.get("revision")).longValue(),
                events,
                certificates,
                Optional.ofNullable(d.getString("imageId")),
                Optional.ofNullable(seseal).map(Binary::getData),
                d.getBoolean("sesealPending", false),
                Optional.ofNullable(revocation)
                        .map(r -> new CertificateRevocation(
                                r.getDate("at").toInstant(), RevocationReason.parse(r.getString("reason")))));
    }

    private static String hex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    private static Binary der(X509Certificate certificate) {
        try {
            return new Binary(certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded", e);
        }
    }

    /**
     * The certificate of these DER bytes, decoded once per process (issue #18: every signing reads its seal, and
     * decoding the seal's certificate chain each time was a fifth of that read). Only the decoding is remembered, keyed
     * by the whole encoding, so the same bytes always give the same certificate; the seal's state and certificates are
     * still read from the store on every request. At most {@value #MAX_DECODED} are kept.
     */
    private static X509Certificate certificate(byte[] der) {
        X509Certificate known = DECODED.get(new Der(der));
        if (known != null) {
            return known;
        }
        X509Certificate decoded = decode(der);
        if (DECODED.size() >= MAX_DECODED) {
            DECODED.clear();
        }
        DECODED.put(new Der(der.clone()), decoded);
        return decoded;
    }

    private static final int MAX_DECODED = 4096;
    private static final java.util.Map<Der, X509Certificate> DECODED = new java.util.concurrent.ConcurrentHashMap<>();

    /** DER bytes compared by content. */
    private record Der(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Der other && java.util.Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Der[" + bytes.length + " bytes]";
        }
    }

    private static X509Certificate decode(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("stored seal certificate cannot be decoded", e);
        }
    }
}
