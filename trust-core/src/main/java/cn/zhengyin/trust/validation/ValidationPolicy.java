package cn.zhengyin.trust.validation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A named validation policy: the constraints a signature must meet beyond the cryptography, as data. Selected per
 * verification call; the verifiers read only these fields.
 *
 * <ul>
 *   <li>{@link #LICENCE} ({@code licence}): this store's licences. A signature time-stamp is required (PAdES
 *       B-T or better), licence XML has Zhengyin's XAdES shape, revocation status must be known, and the only
 *       unsigned revisions allowed after the last signature are validation data (a {@code /DSS} update or a document
 *       time-stamp). The service consults its registry: a file it did not issue is not VALID under this policy.
 *   <li>{@link #BASELINE} ({@code baseline}): ETSI EN 319 102-1 basic signature validation for any PAdES, XAdES or
 *       CAdES signature at level B-B or better that chains to a trust anchor with revocation data available. No
 *       time-stamp required (the certificate is then judged at the validation time); plain enveloped XMLDSig
 *       ({@code URI=""} or a reference to the document element's Id) accepted; unsigned revisions after the last
 *       signature allowed exactly as the document's DocMDP certification level allows.
 * </ul>
 *
 * @param name                       the policy's name
 * @param signatureTimestampRequired whether a signature without a valid signature time-stamp is INDETERMINATE
 *                                   (SIG_CONSTRAINTS_FAILURE)
 * @param revocation                 whether unknown revocation status blocks TOTAL_PASSED (INDETERMINATE/TRY_LATER)
 * @param xmlShape                   which XML signatures are accepted
 * @param unsignedRevisions          which revisions may follow the last signature of a PDF without being signed
 * @param registryRequired           whether a document must be registered in this store to be VALID
 */
public record ValidationPolicy(
        Name name,
        boolean signatureTimestampRequired,
        RevocationPolicy revocation,
        XmlShape xmlShape,
        UnsignedRevisions unsignedRevisions,
        boolean registryRequired) {

    /** The names policies are selected by ({@code --policy}, {@code policy=}). */
    public enum Name {
        LICENCE,
        BASELINE;

        /** The lower-case name used on the command line and in requests. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which XML signatures a policy accepts. */
    public enum XmlShape {
        /** Zhengyin's XAdES-B-B shape only ({@code cn.zhengyin.trust.xml.SignedInfoPolicy}). */
        ZHENGYIN_XADES,
        /**
         * Also a plain enveloped XMLDSig: one reference, {@code URI=""} or {@code #Id} of the document element,
         * enveloped-signature then an optional canonicalisation; no XPath, XSLT or external references.
         */
        ENVELOPED_XMLDSIG
    }

    /** Which PDF revisions may follow the last signature without being covered by a signature. */
    public enum UnsignedRevisions {
        /** Only validation data: revisions made of /DSS objects and document time-stamps. */
        VALIDATION_DATA_ONLY,
        /** What the document's certification (DocMDP) level allows; without certification only validation data. */
        AS_CERTIFICATION_ALLOWS
    }

    public ValidationPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(revocation, "revocation");
        Objects.requireNonNull(xmlShape, "xmlShape");
        Objects.requireNonNull(unsignedRevisions, "unsignedRevisions");
    }

    /** This store's licences: time-stamp required, Zhengyin's XML shape, revocation required, registry consulted. */
    public static final ValidationPolicy LICENCE = new ValidationPolicy(
            Name.LICENCE,
            true,
            RevocationPolicy.REQUIRE,
            XmlShape.ZHENGYIN_XADES,
            UnsignedRevisions.VALIDATION_DATA_ONLY,
            true);

    /** ETSI EN 319 102-1 basic validation of any B-B or better signature chaining to a trust anchor. */
    public static final ValidationPolicy BASELINE = new ValidationPolicy(
            Name.BASELINE,
            false,
            RevocationPolicy.REQUIRE,
            XmlShape.ENVELOPED_XMLDSIG,
            UnsignedRevisions.AS_CERTIFICATION_ALLOWS,
            false);

    /** The policy of this name. */
    public static ValidationPolicy of(Name name) {
        return switch (name) {
            case LICENCE -> LICENCE;
            case BASELINE -> BASELINE;
        };
    }

    /**
     * @param id a policy name as typed by a user ({@code licence}, {@code baseline}; case-insensitive)
     * @throws IllegalArgumentException naming the known policies
     */
    public static ValidationPolicy named(String id) {
        if (id != null) {
            for (Name n : Name.values()) {
                if (n.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
                    return of(n);
                }
            }
        }
        throw new IllegalArgumentException("Unknown validation policy '" + id + "'; known policies: "
                + Arrays.stream(Name.values()).map(Name::id).collect(Collectors.joining(", ")) + ".");
    }

    /** This policy with another revocation rule (e.g. the legacy verifiers' CHECK_IF_AVAILABLE). */
    public ValidationPolicy withRevocation(RevocationPolicy rule) {
        return new ValidationPolicy(
                name, signatureTimestampRequired, rule, xmlShape, unsignedRevisions, registryRequired);
    }
}
