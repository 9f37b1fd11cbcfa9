package cn.zhengyin.licence.rendition;

import cn.zhengyin.trust.identifier.LicenceIdentifier;
import java.time.Instant;
import java.util.Objects;

/**
 * What a rendering needs besides the type and the field values.
 *
 * @param identifier      the licence identifier of the version being rendered (printed with its version)
 * @param verificationUrl the URL the QR code opens (the public verification page of this identifier and version)
 * @param renderedAt      written as the document's creation date; same input and instant give the same bytes
 * @param qrCode          the verification URL encoded as a QR code, once for all renditions of the licence
 */
public record RenderContext(
        LicenceIdentifier identifier, String verificationUrl, Instant renderedAt, VerificationQrCode qrCode) {

    public RenderContext {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(renderedAt, "renderedAt");
        requireUrl(verificationUrl);
        Objects.requireNonNull(qrCode, "qrCode");
        if (!qrCode.content().equals(verificationUrl)) {
            throw new IllegalArgumentException("the QR code must encode the verification URL " + verificationUrl);
        }
    }

    /** Encodes the verification URL as the QR code. */
    public RenderContext(LicenceIdentifier identifier, String verificationUrl, Instant renderedAt) {
        this(identifier, verificationUrl, renderedAt, VerificationQrCode.encode(requireUrl(verificationUrl)));
    }

    private static String requireUrl(String verificationUrl) {
        if (verificationUrl == null || verificationUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "verificationUrl is required: the QR code must open the verification page");
        }
        return verificationUrl;
    }
}
