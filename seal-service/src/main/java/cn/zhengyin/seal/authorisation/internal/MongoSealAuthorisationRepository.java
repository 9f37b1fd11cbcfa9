package cn.zhengyin.seal.authorisation.internal;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;

import cn.zhengyin.seal.authorisation.GranteeKind;
import cn.zhengyin.seal.authorisation.SealAuthorisation;
import cn.zhengyin.seal.authorisation.SealAuthorisationRepository;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/** {@link SealAuthorisationRepository} in {@code seal_authorisations}; revocation is one conditional update. */
public final class MongoSealAuthorisationRepository implements SealAuthorisationRepository {
    private final MongoCollection<Document> authorisations;

    public MongoSealAuthorisationRepository(MongoDatabase database) {
        this.authorisations = database.getCollection("seal_authorisations");
        authorisations.createIndex(Indexes.ascending("sealId", "grantee"));
    }

    @Override
    public void insert(SealAuthorisation a) {
        authorisations.insertOne(new Document("_id", a.id())
                .append("sealId", a.sealId())
                .append("granteeKind", a.granteeKind().name())
                .append("grantee", a.grantee())
                .append("licenceTypes", List.copyOf(a.licenceTypes()))
                .append("validFrom", Date.from(a.validFrom()))
                .append("validUntil", a.validUntil().map(Date::from).orElse(null))
                .append("grantedBy", a.grantedBy())
                .append("grantedAt", Date.from(a.grantedAt()))
                .append("reason", a.reason()));
    }

    @Override
    public Optional<SealAuthorisation> find(String sealId, String id) {
        return Optional.ofNullable(authorisations
                        .find(and(eq("_id", id), eq("sealId", sealId)))
                        .first())
                .map(MongoSealAuthorisationRepository::authorisation);
    }

    @Override
    public List<SealAuthorisation> forSeal(String sealId) {
        return authorisations
                .find(eq("sealId", sealId))
                .sort(Sorts.ascending("grantedAt"))
                .map(MongoSealAuthorisationRepository::authorisation)
                .into(new ArrayList<>());
    }

    @Override
    public List<SealAuthorisation> all() {
        return authorisations
                .find()
                .sort(Sorts.ascending("grantedAt"))
                .map(MongoSealAuthorisationRepository::authorisation)
                .into(new ArrayList<>());
    }

    @Override
    public SealAuthorisation markRevoked(SealAuthorisation r) {
        authorisations.updateOne(
                and(eq("_id", r.id()), exists("revokedAt", false)),
                Updates.combine(
                        Updates.set("revokedAt", Date.from(r.revokedAt().orElseThrow())),
                        Updates.set("revokedBy", r.revokedBy().orElseThrow()),
                        Updates.set("revokeReason", r.revokeReason().orElse(""))));
        return find(r.sealId(), r.id()).orElseThrow();
    }

    private static SealAuthorisation authorisation(Document d) {
        return new SealAuthorisation(
                d.getString("_id"),
                d.getString("sealId"),
                GranteeKind.valueOf(d.getString("granteeKind")),
                d.getString("grantee"),
                new HashSet<>(d.getList("licenceTypes", String.class, List.of())),
                d.getDate("validFrom").toInstant(),
                Optional.ofNullable(d.getDate("validUntil")).map(Date::toInstant),
                d.getString("grantedBy"),
                d.getDate("grantedAt").toInstant(),
                d.getString("reason"),
                Optional.ofNullable(d.getDate("revokedAt")).map(Date::toInstant),
                Optional.ofNullable(d.getString("revokedBy")),
                Optional.ofNullable(d.getString("revokeReason")));
    }
}
