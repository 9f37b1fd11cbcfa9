package cn.zhengyin.seal.config;

import cn.zhengyin.seal.lifecycle.Organisation;
import cn.zhengyin.seal.lifecycle.SealTypes;
import cn.zhengyin.seal.premade.PreMadeSeal;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the seal service.
 *
 * @param keysDirectory   folder of the PKCS#12 key files and CRLs (dev: {@code keys-dev})
 * @param keyPassword     password of the PKCS#12 files (dev: {@code zhengyin-dev})
 * @param tsaKey          name of the time-stamping key file (without .p12)
 * @param seals           pre-made seals (keys made beforehand) imported into the seal store at start-up
 * @param ocspUrl         the URL of this service's OCSP responder ({@code /ocsp}, for certificates of seal-ca) that
 *                        ECDSA seal certificates issued here carry in authorityInfoAccess; blank = no AIA
 * @param grantees        who may be named in an authorisation to use a seal
 */
@ConfigurationProperties("zhengyin")
public record SealServiceProperties(
        @DefaultValue("keys-dev") Path keysDirectory,
        @DefaultValue("zhengyin-dev") String keyPassword,
        @DefaultValue("tsa") String tsaKey,
        List<SealSpec> seals,
        @DefaultValue("") String ocspUrl,
        Grantees grantees) {

    public SealServiceProperties {
        seals = seals == null ? List.of() : List.copyOf(seals);
        ocspUrl = ocspUrl == null ? "" : ocspUrl.strip();
        grantees = grantees == null ? new Grantees(List.of(), List.of()) : grantees;
    }

    /**
     * Who may be named in an authorisation to use a seal ({@code zhengyin.grantees}); clients and people are separate
     * namespaces.
     *
     * @param clients client ids of the OAuth2 clients registered at the authorisation server that sign through the API
     * @param people  subjects of people of the identity provider's directory (the seal console's dev sign-in people are
     *                added while that sign-in is enabled)
     */
    public record Grantees(List<String> clients, List<String> people) {
        public Grantees {
            clients = clients == null
                    ? List.of()
                    : clients.stream().map(String::strip).toList();
            people = people == null
                    ? List.of()
                    : people.stream().map(String::strip).toList();
        }
    }

    /**
     * One configured seal.
     *
     * @param id               seal id used by callers
     * @param key              name of its key file in the keys directory (without .p12), alias = name
     * @param name             the seal's name, e.g. 证印示范市市场监督管理局电子证照专用章
     * @param organisationName name on the seal's arc
     * @param organisationCode the organisation's unified social credit code
     * @param purpose          purpose text of a 专用章 (empty for the organisation seal)
     * @param type             seal type code: 01 单位专用章, 02 财务, 03 发票, 04 合同, 05 法定代表人名章, 99 其他
     * @param allowedClients   OAuth2 client ids allowed to sign with this seal
     * @param licenceTypes     the licence type codes those clients may sign for (an authority's own types); empty =
     *                         all types
     * @param issuerCa         name of the CA that issued the key's certificate (its CRL name), default seal-ca
     * @param sm2Key           optional name of the seal's SM2 key file (without .p12), alias = name; with it the seal
     *                         gets an SM2 certificate and a GB/T 38540 SESeal and can make SES signatures
     * @param sm2IssuerCa      name of the CA that issued the SM2 certificate, default sm2-seal-ca
     */
    public record SealSpec(
            String id,
            String key,
            String name,
            String organisationName,
            String organisationCode,
            @DefaultValue("") String purpose,
            @DefaultValue("99") String type,
            List<String> allowedClients,
            List<String> licenceTypes,
            @DefaultValue("seal-ca") String issuerCa,
            @DefaultValue("") String sm2Key,
            @DefaultValue("sm2-seal-ca") String sm2IssuerCa) {
        public SealSpec {
            allowedClients = allowedClients == null ? List.of() : List.copyOf(allowedClients);
            licenceTypes = licenceTypes == null
                    ? List.of()
                    : licenceTypes.stream().map(String::strip).toList();
            sm2Key = sm2Key == null ? "" : sm2Key.strip();
        }

        /** The seal as the importer needs it; an unknown type code is a configuration error. */
        public PreMadeSeal toPreMadeSeal() {
            return new PreMadeSeal(
                    id,
                    name,
                    new Organisation(organisationName, organisationCode),
                    SealTypes.ofCode(type),
                    purpose,
                    allowedClients,
                    java.util.Set.copyOf(licenceTypes),
                    issuerCa,
                    sm2IssuerCa);
        }

        /** The SM2 key file name, if the seal has one. */
        public java.util.Optional<String> sm2KeyName() {
            return sm2Key.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(sm2Key);
        }
    }
}
