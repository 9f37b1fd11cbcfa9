package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.validation.CmsCertificates;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to put in a PAdES signature dictionary.
 *
 * @param signerName            {@code /Name}
 * @param reason                {@code /Reason}
 * @param location              {@code /Location}
 * @param signingTime           {@code /M}, the claimed signing time (proof comes from the time-stamp)
 * @param appearance            a visible seal, or empty for an invisible signature
 * @param reservedContentsBytes bytes reserved for the DER CMS in {@code /Contents} (written as twice as many hex
 *                              digits); size it with {@link #estimateContentsBytes}
 */
public record SignatureRequest(
        String signerName,
        String reason,
        String location,
        Instant signingTime,
        Optional<VisibleAppearance> appearance,
        int reservedContentsBytes) {

    /**
     * Fixed part of a PAdES B-T CMS besides certificates and the two signature values: signer info with its signed
     * attributes (~300 bytes), TSTInfo, the token's signer info and attributes (~450 bytes), structure (~200 bytes).
     */
    static final int CMS_OVERHEAD_BYTES = 1100;
    /** Safety margin: DER lengths, a TSA certificate slightly larger than the signer's. */
    static final int MARGIN_BYTES = 256;

    public SignatureRequest {
        Objects.requireNonNull(signerName, "signerName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(appearance, "appearance");
        if (reservedContentsBytes < 512 || reservedContentsBytes > 1 << 20) {
            throw new IllegalArgumentException("reservedContentsBytes must be between 512 and 1 MiB; got "
                    + reservedContentsBytes + ". Use SignatureRequest.estimateContentsBytes(..).");
        }
    }

    /**
     * Size to reserve for a PAdES B-T CMS: the certificates it will carry (each chain without its root, {@link
     * CmsCertificates#withoutRoot}), the two signature values (the signer's and the TSA's, sized from their keys),
     * plus {@value #CMS_OVERHEAD_BYTES} bytes of structure and a {@value #MARGIN_BYTES}-byte margin. For the dev PKI
     * (ECDSA P-256, 2 + 2 certificates) 4,166 bytes for a CMS of 3,710; every reserved byte not used is two zero digits in the file.
     *
     * @param signerChain the signer's chain (as the key custody returns it)
     * @param tsaChain    the TSA's chain (or the signer's, when the TSA's is not known: a similar size)
     */
    public static int estimateContentsBytes(List<X509Certificate> signerChain, List<X509Certificate> tsaChain) {
        int bytes = CMS_OVERHEAD_BYTES + MARGIN_BYTES;
        for (List<X509Certificate> chain : List.of(signerChain, tsaChain)) {
            for (X509Certificate c : CmsCertificates.withoutRoot(chain)) {
                bytes += encodedLength(c);
            }
            if (!chain.isEmpty()) {
                bytes += signatureValueBytes(chain.getFirst());
            }
        }
        return bytes;
    }

    /** DER size of a signature value made with the certificate's key: an ECDSA/SM2 (r, s) sequence, or RSA. */
    private static int signatureValueBytes(X509Certificate certificate) {
        if (certificate.getPublicKey() instanceof java.security.interfaces.RSAKey rsa) {
            return (rsa.getModulus().bitLength() + 7) / 8;
        }
        if (certificate.getPublicKey() instanceof java.security.interfaces.ECKey ec) {
            return 2 * ((ec.getParams().getOrder().bitLength() + 7) / 8) + 9;
        }
        return 512;
    }

    private static int encodedLength(X509Certificate certificate) {
        try {
            return certificate.getEncoded().length;
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("Unencodable certificate " + certificate.getSubjectX500Principal(), e);
        }
    }
}
