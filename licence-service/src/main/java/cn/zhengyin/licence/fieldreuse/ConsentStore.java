package cn.zhengyin.licence.fieldreuse;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: consents, one document each; withdrawal is a single-document conditional update. */
public interface ConsentStore {

    void save(Consent consent);

    Optional<Consent> find(String id);

    /** Marks the consent withdrawn at {@code at} if it is not yet; false if it was withdrawn already or is unknown. */
    boolean withdraw(String id, Instant at);

    /** Consents on licences held by any of these codes, newest first. */
    List<Consent> byHolderCodes(Collection<String> holderCodes);

    /** Every consent (in any state) of this client on this licence, newest first. */
    List<Consent> byLicenceAndClient(String licenceRoot, String clientId);
}
