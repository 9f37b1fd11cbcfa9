package cn.zhengyin.trust.pki;

import java.util.Objects;

/**
 * What a certificate is for; each profile fixes the subject name and the extensions (RFC 5280 §4.2).
 * Every certificate also gets a subject and authority key identifier, and every non-root certificate a CRL
 * distribution point. Subjects carry {@code C=CN}.
 */
public sealed interface CertificateProfile {

    /** Self-signed root CA: basicConstraints CA:true (critical), keyUsage keyCertSign + cRLSign (critical). */
    record RootCa(String commonName, String organisation) implements CertificateProfile {
        public RootCa {
            requireText(commonName, "commonName");
            requireText(organisation, "organisation");
        }
    }

    /** Issuing (intermediate) CA: basicConstraints CA:true with pathLen (critical), keyCertSign + cRLSign (critical). */
    record IssuingCa(String commonName, String organisation, int pathLength) implements CertificateProfile {
        public IssuingCa {
            requireText(commonName, "commonName");
            requireText(organisation, "organisation");
            if (pathLength < 0) {
                throw new PkiException("pathLength " + pathLength + " is negative; RFC 5280 §4.2.1.9 needs 0 or more");
            }
        }
    }

    /**
     * An electronic seal's signing certificate (制章者/签章者证书): basicConstraints CA:false (critical), keyUsage
     * digitalSignature + nonRepudiation/contentCommitment (critical).
     *
     * <p>Subject: {@code CN=<sealName>, O=<organisation>, organizationIdentifier=<uscc>, serialNumber=<sealId>, C=CN}.
     * The organisation's unified social credit code (GB 32100) goes in organizationIdentifier (2.5.4.97, X.520) as is,
     * without the ETSI EN 319 412-1 "NTRCN-" prefix; the seal's identifier (GB/T 38540 esID) goes in the subject
     * serialNumber attribute (2.5.4.5), which X.520 defines as an identifier of the subject entity, here the seal.
     *
     * <p>{@code authorityInformationAccess}: the issuing CA's OCSP responder (and caIssuers) URL, written as an
     * authorityInfoAccess extension (RFC 5280 §4.2.2.1) unless {@link AuthorityInformationAccess#none()}.
     */
    record SealSigning(
            String sealName,
            String organisation,
            String uscc,
            String sealId,
            AuthorityInformationAccess authorityInformationAccess)
            implements CertificateProfile {
        public SealSigning {
            requireText(sealName, "sealName");
            requireText(organisation, "organisation");
            requireText(uscc, "uscc");
            requireText(sealId, "sealId");
            Objects.requireNonNull(authorityInformationAccess, "authorityInformationAccess");
        }

        /** Without authorityInfoAccess. */
        public SealSigning(String sealName, String organisation, String uscc, String sealId) {
            this(sealName, organisation, uscc, sealId, AuthorityInformationAccess.none());
        }
    }

    /**
     * An organisation's signing certificate (单位证书), e.g. a seal maker's (制章者, GB/T 38540 §5: the SESeal
     * {@code cert} must be an organisation certificate): basicConstraints CA:false (critical), keyUsage
     * digitalSignature + nonRepudiation/contentCommitment (critical).
     *
     * <p>Subject: {@code CN=<commonName>, O=<organisation>, organizationIdentifier=<uscc>, C=CN}; the unified social
     * credit code (GB 32100) goes in organizationIdentifier (2.5.4.97) as is. {@code authorityInformationAccess} as
     * for {@link SealSigning}.
     */
    record OrganisationSigning(
            String commonName, String organisation, String uscc, AuthorityInformationAccess authorityInformationAccess)
            implements CertificateProfile {
        public OrganisationSigning {
            requireText(commonName, "commonName");
            requireText(organisation, "organisation");
            requireText(uscc, "uscc");
            Objects.requireNonNull(authorityInformationAccess, "authorityInformationAccess");
        }

        /** Without authorityInfoAccess. */
        public OrganisationSigning(String commonName, String organisation, String uscc) {
            this(commonName, organisation, uscc, AuthorityInformationAccess.none());
        }
    }

    /** Time-stamping authority: extendedKeyUsage id-kp-timeStamping only, critical (RFC 3161 §2.3); keyUsage digitalSignature. */
    record TimeStamping(String commonName, String organisation) implements CertificateProfile {
        public TimeStamping {
            requireText(commonName, "commonName");
            requireText(organisation, "organisation");
        }
    }

    /** OCSP responder: extendedKeyUsage id-kp-OCSPSigning, id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2), keyUsage digitalSignature. */
    record OcspResponder(String commonName, String organisation) implements CertificateProfile {
        public OcspResponder {
            requireText(commonName, "commonName");
            requireText(organisation, "organisation");
        }
    }

    /** The authorityInfoAccess the certificate gets; only seal and organisation certificates have one. */
    default AuthorityInformationAccess authorityInformationAccess() {
        return AuthorityInformationAccess.none();
    }

    /** True for the profiles whose key signs certificates and CRLs. */
    default boolean isCa() {
        return this instanceof RootCa || this instanceof IssuingCa;
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new PkiException(what + " is blank; a certificate subject attribute needs a value");
        }
    }
}
