package cn.zhengyin.trust.pdf;

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
     * Fixed part of a PAdES B-T CMS besides certificates: signer info with three signed attributes and an ECDSA
     * signature (~350 bytes), TSTInfo, its signer info and attributes (~450 bytes), structure (~100 bytes).
     */
    static final int CMS_OVERHEAD_BYTES = 1024;
    /** Safety margin: certificates of a renewed key may be larger. */
    static final int MARGIN_BYTES = 1024;

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
     * Size to reserve for a PAdES B-T CMS: the certificates it will carry plus {@value #CMS_OVERHEAD_BYTES} bytes
     * of structure plus a {@value #MARGIN_BYTES}-byte margin. For the dev PKI (ECDSA P-256, 3 + 2 certificates)
     * about 4.5 KB, against PDFBox's default of 9,472.
     *
     * @param signerChain certificates the CMS carries (as the key custody returns them)
     * @param tsaChain    certificates the time-stamp token carries
     */
    public static int estimateContentsBytes(List<X509Certificate> signerChain, List<X509Certificate> tsaChain) {
        int certificates = 0;
        for (X509Certificate c : signerChain) {
            certificates += encodedLength(c);
        }
        for (X509Certificate c : tsaChain) {
            certificates += encodedLength(c);
        }
        return certificates + CMS_OVERHEAD_BYTES + MARGIN_BYTES;
    }

    private static int encodedLength(X509Certificate certificate) {
        try {
            return certificate.getEncoded().length;
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("Unencodable certificate " + certificate.getSubjectX500Principal(), e);
        }
    }
}
