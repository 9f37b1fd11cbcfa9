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
 */
public record RenderContext(LicenceIdentifier identifier, String verificationUrl, Instant renderedAt) {

    public RenderContext {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(renderedAt, "renderedAt");
        if (verificationUrl == null || verificationUrl.isBlank()) {
            throw new IllegalArgumentException(
                    "verificationUrl is required: the QR code must open the verification page");
        }
    }
}
