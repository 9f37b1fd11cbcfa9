package cn.zhengyin.trust.pdf;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A PDF prepared for one signature: the bytes with a zero-filled {@code /Contents} placeholder and its ByteRange.
 * Immutable and thread-safe; one preparation per signing request.
 */
public final class PadesPreparation {

    private final byte[] prepared;
    private final int[] byteRange;
    private final byte[] digest;

    private PadesPreparation(byte[] prepared, int[] byteRange) {
        this.prepared = prepared;
        this.byteRange = byteRange;
        this.digest = computeDigest(prepared, byteRange);
    }

    static PadesPreparation of(byte[] prepared, int[] byteRange) {
        if (byteRange == null
                || byteRange.length != 4
                || byteRange[0] != 0
                || byteRange[2] + byteRange[3] != prepared.length
                || prepared[byteRange[1]] != '<'
                || prepared[byteRange[2] - 1] != '>') {
            throw new PdfSigningException("PDFBox produced an unexpected ByteRange "
                    + java.util.Arrays.toString(byteRange) + " for a file of " + prepared.length + " bytes.");
        }
        return new PadesPreparation(prepared, byteRange.clone());
    }

    /** @return SHA-256 over the two ByteRange parts: what the CMS message-digest attribute must hold */
    public byte[] digest() {
        return digest.clone();
    }

    /** @return the ByteRange {@code [0, a, b, c]} written in the signature dictionary */
    public int[] byteRange() {
        return byteRange.clone();
    }

    /** @return the DER bytes the placeholder can hold */
    public int reservedContentsBytes() {
        return (byteRange[2] - byteRange[1] - 2) / 2;
    }

    /** @return the prepared PDF (placeholder still zero-filled) */
    public byte[] preparedPdf() {
        return prepared.clone();
    }

    /**
     * Embeds the CMS into the placeholder (upper-case hex, zero-padded).
     *
     * @param cmsSignedData DER CMS ContentInfo from the seal service
     * @return the signed PDF
     * @throws PdfSigningException if the CMS is larger than the reserved space
     */
    public byte[] complete(byte[] cmsSignedData) {
        if (cmsSignedData.length == 0 || cmsSignedData.length > reservedContentsBytes()) {
            throw new PdfSigningException("The CMS signature has " + cmsSignedData.length + " bytes but "
                    + reservedContentsBytes() + " bytes were reserved in /Contents; prepare again with a larger "
                    + "SignatureRequest.reservedContentsBytes (see SignatureRequest.estimateContentsBytes).");
        }
        byte[] signed = prepared.clone();
        byte[] hex = HexFormat.of()
                .withUpperCase()
                .formatHex(cmsSignedData)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, signed, byteRange[1] + 1, hex.length);
        return signed;
    }

    private static byte[] computeDigest(byte[] bytes, int[] range) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(bytes, range[0], range[1]);
            sha256.update(bytes, range[2], range[3]);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
