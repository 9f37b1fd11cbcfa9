package cn.zhengyin.licence.sealing;

import cn.zhengyin.trust.seal.SealImpression;
import java.time.Instant;
import java.util.List;

/** Port: puts the issuing authority's seal (a PAdES signature with a visible seal) on a rendered licence PDF. */
public interface LicenceSealer {

    /**
     * @return the signed PDF
     * @throws SealingFailedException if the seal could not be applied
     */
    byte[] seal(byte[] pdf, SealingRequest request);

    /**
     * The characters the seal's impression shows as glyphs of a font (from its SESeal's vector picture): the PDF
     * renderer puts them in the page's font subset before the page is saved, so the visible seal draws them as text in
     * that font instead of as outlines. Empty when the seal's picture has none (it is then drawn as paths or its image).
     */
    default List<SealImpression.Glyph> sealGlyphs(String sealId) {
        return List.of();
    }

    /**
     * @param sealId            the seal to sign with
     * @param licenceIdentifier recorded in the seal usage log
     * @param signerName        the issuing authority, {@code /Name} of the signature
     * @param sealArea          where the seal impression goes, in PDF points from the lower-left corner
     */
    record SealingRequest(
            String sealId,
            String licenceIdentifier,
            String signerName,
            Instant signingTime,
            int pageIndex,
            Area sealArea) {}

    /** A rectangle in PDF points from the page's lower-left corner. */
    record Area(float x, float y, float width, float height) {}

    /** The seal service refused or could not be reached. {@code retryable} says whether trying later may help. */
    final class SealingFailedException extends RuntimeException {
        private final boolean retryable;

        public SealingFailedException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
