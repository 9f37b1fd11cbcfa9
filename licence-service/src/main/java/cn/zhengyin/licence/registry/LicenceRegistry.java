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

    Optional<LicenceVersion> findVersion(String identifier);

    List<LicenceVersion> versions(String root);

    /** The version one of whose renditions has this SHA-256 (hex, lower case). */
    Optional<LicenceVersion> findVersionByFileSha256(String sha256);
}
