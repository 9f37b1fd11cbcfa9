package cn.zhengyin.trust.pki.devpki;

import cn.zhengyin.trust.pki.AuthorityInformationAccess;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.KeyAlgorithm;
import cn.zhengyin.trust.pki.PkiException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A development PKI as data: the entities in issuing order (an issuer is declared before what it issues), each with
 * its key algorithm, profile and validity relative to generation time, plus the CRL update interval.
 *
 * <p>Properties format (UTF-8):
 * <pre>
 * crl.next-update = P30D
 * entities = root-ca, seal-ca, dev-seal
 * root-ca.profile = root-ca            # root-ca | issuing-ca | seal | organisation | tsa | ocsp
 * root-ca.algorithm = ECDSA_P256       # ECDSA_P256 | SM2
 * root-ca.validity = P20Y              # ISO-8601 period from generation time
 * root-ca.common-name = ...
 * root-ca.organisation = ...
 * seal-ca.issuer = root-ca             # required for all but root-ca
 * seal-ca.path-length = 0              # issuing-ca only, default 0
 * dev-seal.seal-name / .organisation / .uscc / .seal-id   # seal only (instead of common-name)
 * dev-seal.ocsp-url = http://localhost:8082/ocsp     # seal and organisation only, optional: authorityInfoAccess
 * dev-seal.ca-issuers-url = http://...               #   (RFC 5280 §4.2.2.1) OCSP responder / issuer certificate
 * </pre>
 */
public record DevPkiDeclaration(Duration crlNextUpdate, List<Entity> entities) {

    /** One certificate holder of the dev PKI; {@code issuer} is empty for roots. */
    public record Entity(
            String name,
            KeyAlgorithm algorithm,
            CertificateProfile profile,
            Period validity,
            Optional<String> issuer) {}

    public DevPkiDeclaration {
        entities = List.copyOf(entities);
        Map<String, Entity> seen = new HashMap<>();
        for (Entity entity : entities) {
            if (!entity.name().matches("[a-z0-9][a-z0-9-]*")) {
                throw invalid("entity name '" + entity.name() + "' must be lower-case letters, digits and '-'"
                        + " (it becomes a file name and a CRL URL)");
            }
            if (seen.containsKey(entity.name())) {
                throw invalid("entity '" + entity.name() + "' is declared twice");
            }
            boolean root = entity.profile() instanceof CertificateProfile.RootCa;
            if (root != entity.issuer().isEmpty()) {
                throw invalid("entity '" + entity.name() + "': "
                        + (root ? "a root-ca has no issuer" : "needs an issuer declared before it"));
            }
            if (entity.issuer().isPresent()) {
                Entity issuer = seen.get(entity.issuer().get());
                if (issuer == null || !issuer.profile().isCa()) {
                    throw invalid("entity '" + entity.name() + "': issuer '"
                            + entity.issuer().get() + "' must be a root-ca or issuing-ca declared before it");
                }
                if (issuer.algorithm() != entity.algorithm()) {
                    throw invalid("entity '" + entity.name() + "' (" + entity.algorithm() + ") has issuer '"
                            + issuer.name() + "' (" + issuer.algorithm() + "); a chain uses one algorithm");
                }
            }
            seen.put(entity.name(), entity);
        }
    }

    public Optional<Entity> entity(String name) {
        return entities.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public static DevPkiDeclaration parse(String propertiesText) {
        try {
            return parse(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses the properties format above; unknown keys are rejected so typos don't pass silently. */
    public static DevPkiDeclaration parse(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Set<String> used = new HashSet<>();
        Duration nextUpdate = parseDuration(required(properties, "crl.next-update", used));
        List<Entity> entities = new ArrayList<>();
        for (String name : required(properties, "entities", used).split("\\s*,\\s*")) {
            entities.add(entity(properties, name.trim(), used));
        }
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw invalid("unknown or unused keys " + unknown + " (entities are listed in 'entities')");
        }
        return new DevPkiDeclaration(nextUpdate, entities);
    }

    private static Entity entity(Properties p, String name, Set<String> used) {
        String prefix = name + ".";
        String profileName = required(p, prefix + "profile", used);
        KeyAlgorithm algorithm;
        String algorithmName = required(p, prefix + "algorithm", used);
        try {
            algorithm = KeyAlgorithm.valueOf(algorithmName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(prefix + "algorithm '" + algorithmName + "' is not one of "
                    + Arrays.toString(KeyAlgorithm.values()));
        }
        Period validity = parsePeriod(required(p, prefix + "validity", used), prefix + "validity");
        Optional<String> issuer = optional(p, prefix + "issuer", used);
        String organisation = required(p, prefix + "organisation", used);
        CertificateProfile profile = switch (profileName) {
            case "root-ca" -> new CertificateProfile.RootCa(required(p, prefix + "common-name", used), organisation);
            case "issuing-ca" ->
                new CertificateProfile.IssuingCa(
                        required(p, prefix + "common-name", used),
                        organisation,
                        Integer.parseInt(
                                optional(p, prefix + "path-length", used).orElse("0")));
            case "seal" ->
                new CertificateProfile.SealSigning(
                        required(p, prefix + "seal-name", used),
                        organisation,
                        required(p, prefix + "uscc", used),
                        required(p, prefix + "seal-id", used),
                        authorityInformationAccess(p, prefix, used));
            case "organisation" ->
                new CertificateProfile.OrganisationSigning(
                        required(p, prefix + "common-name", used),
                        organisation,
                        required(p, prefix + "uscc", used),
                        authorityInformationAccess(p, prefix, used));
            case "tsa" -> new CertificateProfile.TimeStamping(required(p, prefix + "common-name", used), organisation);
            case "ocsp" ->
                new CertificateProfile.OcspResponder(required(p, prefix + "common-name", used), organisation);
            default ->
                throw invalid(prefix + "profile '" + profileName
                        + "' is not one of root-ca, issuing-ca, seal, organisation, tsa, ocsp");
        };
        return new Entity(name, algorithm, profile, validity, issuer);
    }

    private static AuthorityInformationAccess authorityInformationAccess(
            Properties p, String prefix, Set<String> used) {
        try {
            return AuthorityInformationAccess.of(
                    optional(p, prefix + "ocsp-url", used).orElse(null),
                    optional(p, prefix + "ca-issuers-url", used).orElse(null));
        } catch (PkiException e) {
            throw invalid(prefix + "ocsp-url/ca-issuers-url: " + e.getMessage());
        }
    }

    private static String required(Properties p, String key, Set<String> used) {
        return optional(p, key, used).orElseThrow(() -> invalid("missing key '" + key + "'"));
    }

    private static Optional<String> optional(Properties p, String key, Set<String> used) {
        used.add(key);
        return Optional.ofNullable(p.getProperty(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Period parsePeriod(String text, String key) {
        try {
            return Period.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(key + " '" + text + "' is not an ISO-8601 period such as P5Y");
        }
    }

    private static Duration parseDuration(String text) {
        try {
            Period period = Period.parse(text);
            if (period.getYears() != 0 || period.getMonths() != 0) {
                throw invalid("crl.next-update '" + text + "' must be given in days (e.g. P30D)");
            }
            return Duration.ofDays(period.getDays());
        } catch (DateTimeParseException e) {
            throw invalid("crl.next-update '" + text + "' is not an ISO-8601 period in days such as P30D");
        }
    }

    private static PkiException invalid(String detail) {
        return new PkiException("Invalid dev PKI declaration: " + detail);
    }
}
