package cn.zhengyin.licence.registry;

import java.util.List;
import java.util.Optional;

/**
 * Port to the store of licences and versions. Implementations make every write idempotent and single-document atomic:
 * the store has no multi-document transactions.
 */
public interface LicenceRegistry {

    /** Stores a new version; storing the same identifier again keeps the first and returns false. */
    boolean saveVersion(LicenceVersion version);

    /**
     * Creates the head of a newly issued licence: the moment it becomes visible. Creating an existing root again keeps
     * the first and returns false.
     */
    boolean createLicence(Licence licence);

    Optional<Licence> findLicence(String root);

    /** The licences held by any of these holder codes (a person's own and their companies'), newest root first. */
    List<Licence> findByHolderCodes(java.util.Collection<String> holderCodes);

    Optional<LicenceVersion> findVersion(String identifier);

    List<LicenceVersion> versions(String root);

    /**
     * Makes {@code version} the licence's current version and appends {@code event}, if the licence is still at
     * {@code expectedRevision} and at the version before. Returns false if the licence changed meanwhile.
     */
    boolean moveToVersion(String root, long expectedRevision, LicenceVersion version, LicenceEvent event);

    /** Changes the stored status from {@code from} to {@code to} if the licence is still at {@code expectedRevision}. */
    boolean changeStatus(String root, long expectedRevision, LicenceStatus from, LicenceStatus to, LicenceEvent event);

    /** Versions created before {@code olderThan} that their licence never reached: left by an interrupted change. */
    List<LicenceVersion> unfinishedVersions(java.time.Instant olderThan);

    /** Deletes a version the licence never reached (never visible to anyone); false if it has become current. */
    boolean deleteUnfinishedVersion(String identifier);

    /**
     * Adds a further file to a stored version — a renewal of its PDF's archive time-stamp, the same content with newer
     * validation data and time-stamp — registering its hash first. Nothing is replaced: every file ever handed out is
     * still recognised. Adding a file whose SHA-256 the version already holds changes nothing.
     *
     * @return false if the version does not exist
     */
    boolean addRendition(String identifier, Rendition rendition);

    /** Up to {@code limit} identifiers of stored versions after {@code afterExclusive} (empty: from the start), sorted. */
    List<String> versionIdentifiers(String afterExclusive, int limit);

    /** The version one of whose renditions has this SHA-256 (hex, lower case). */
    Optional<LicenceVersion> findVersionByFileSha256(String sha256);
}
