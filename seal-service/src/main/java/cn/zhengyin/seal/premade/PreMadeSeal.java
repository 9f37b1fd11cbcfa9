package cn.zhengyin.seal.premade;

import cn.zhengyin.seal.lifecycle.Organisation;
import cn.zhengyin.trust.seal.SealType;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A seal whose keys were made beforehand, as the importer needs it.
 *
 * @param id             seal id used by callers, e.g. ZYDEV-SEAL-0001
 * @param name           the seal's name, e.g. 证印示范市市场监督管理局电子证照专用章
 * @param organisation   the organisation on the seal's arc
 * @param type           the seal type
 * @param purpose        purpose text of a 专用章 (empty for the organisation seal)
 * @param allowedClients OAuth2 client ids authorised to sign with the seal
 * @param licenceTypes   the licence type codes (GB/T 36904 type code, 21 characters) those clients may sign for; empty
 *                       = all types
 * @param issuerCa       name of the CA that issued the ECDSA key's certificate (its CRL name)
 * @param sm2IssuerCa    name of the CA that issued the SM2 key's certificate
 */
public record PreMadeSeal(
        String id,
        String name,
        Organisation organisation,
        SealType type,
        String purpose,
        List<String> allowedClients,
        Set<String> licenceTypes,
        String issuerCa,
        String sm2IssuerCa) {
    public PreMadeSeal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(type, "type");
        purpose = purpose == null ? "" : purpose;
        allowedClients = List.copyOf(allowedClients);
        licenceTypes = licenceTypes == null ? Set.of() : Set.copyOf(licenceTypes);
    }
}
