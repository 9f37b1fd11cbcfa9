package cn.zhengyin.seal.signing;

import java.util.Locale;

/**
 * Why a signing request was refused, as a stable code: kept in the usage record ({@link SealUsage#refusalReason()})
 * and the label {@code reason} of the signing metric (docs/operations.md). The record's {@code detail} says it in
 * words.
 */
public enum RefusalReason {
    /** No seal has the requested id. */
    UNKNOWN_SEAL,
    /** The licence identifier is not a GB/T 36904 identifier. */
    INVALID_LICENCE_IDENTIFIER,
    /** A licence seal (or a JWS) was asked to sign without naming the licence. */
    LICENCE_IDENTIFIER_MISSING,
    /** The licence or credential is another organisation's. */
    OTHER_ORGANISATION,
    /** The stated licence type, the credential's type or its identifier contradicts the request's identifier. */
    LICENCE_MISMATCH,
    /** The seal is not ISSUED now (applied, suspended, revoked, destroyed, expired …). */
    SEAL_NOT_ISSUED,
    /** No authorisation covers this caller, licence type and time. */
    NOT_AUTHORISED,
    /** The seal has no certificate for the requested algorithm. */
    NO_CERTIFICATE,
    /** The seal has no GB/T 38540 SESeal or SM2 key. */
    NO_SESEAL,
    /** Key custody could not provide or use the seal's key. */
    KEY_UNAVAILABLE,
    /** The bytes to sign are not an acceptable SignedInfo or JWS signing input. */
    INPUT_REJECTED,
    /** The GB/T 38540 signature could not be made. */
    SES_FAILED;

    /** The code, e.g. {@code not-authorised}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
