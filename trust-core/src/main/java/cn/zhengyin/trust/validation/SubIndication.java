package cn.zhengyin.trust.validation;

/**
 * Why a validation is not {@link Indication#TOTAL_PASSED} (ETSI EN 319 102-1 §5.1.3, table 5), plus
 * {@link #NONE} for a passed validation and {@link #UNSIGNED_CHANGES} (a Zhengyin extension).
 */
public enum SubIndication {
    /** The validation passed; no sub-indication applies. */
    NONE,
    /** TOTAL_FAILED: the signed data's hash does not match the signed message digest. */
    HASH_FAILURE,
    /** TOTAL_FAILED: the signature value does not verify with the signer's public key. */
    SIG_CRYPTO_FAILURE,
    /** TOTAL_FAILED or INDETERMINATE: the file or the signature does not conform to its format. */
    FORMAT_FAILURE,
    /** INDETERMINATE: no chain from the signer certificate to a trust anchor. */
    NO_CERTIFICATE_CHAIN_FOUND,
    /** TOTAL_FAILED: the signing certificate was revoked before the (proven) signing time. */
    REVOKED,
    /** TOTAL_FAILED: the signing certificate had expired at the proven signing time. */
    EXPIRED,
    /** TOTAL_FAILED: the signing certificate was not yet valid at the signing time. */
    NOT_YET_VALID,
    /** INDETERMINATE: the certificate is outside its validity at validation time and no proof of existence earlier. */
    OUT_OF_BOUNDS_NO_POE,
    /** INDETERMINATE: the signed data cannot be obtained. */
    SIGNED_DATA_NOT_FOUND,
    /** INDETERMINATE: the signing certificate cannot be identified or its reference does not match. */
    NO_SIGNING_CERTIFICATE_FOUND,
    /** INDETERMINATE: required revocation information is not (yet) available. */
    TRY_LATER,
    /** INDETERMINATE: the chain could not be validated for another reason. */
    CERTIFICATE_CHAIN_GENERAL_FAILURE,
    /** INDETERMINATE: a certificate in the chain does not meet the constraints (e.g. key usage). */
    CHAIN_CONSTRAINTS_FAILURE,
    /** INDETERMINATE: the signature does not meet the validation constraints (e.g. a required time-stamp). */
    SIG_CONSTRAINTS_FAILURE,
    /** Zhengyin: bytes were added after the last signature; the signed revision may be fine, the file is not proven. */
    UNSIGNED_CHANGES,
    /**
     * Zhengyin: TOTAL_FAILED: a later revision changed the document in a way the signature's permissions do not allow
     * (ISO 32000-2 §12.8.2.2 DocMDP; Zhengyin policy without certification: only later signatures, document
     * time-stamps and validation data (DSS)); what the signer saw is not what the file shows.
     */
    DISALLOWED_CHANGES
}
