package cn.zhengyin.licence.sealing;

import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import java.time.Instant;
import org.w3c.dom.Document;

/**
 * Port: puts the issuing authority's seal on a licence XML document as an enveloped XAdES baseline B-B signature
 * referencing the document element ({@code #licence-<identifier>}). The document stays here; the adapter sends only
 * the canonical {@code ds:SignedInfo} to whoever holds the seal's key. The seal-service adapter throws
 * {@code LicenceSealer.SealingFailedException} when the seal could not be applied.
 */
public interface XmlSealer {

    /**
     * @param document          the unsigned document from {@link LicenceXmlRenderer#render}; not modified
     * @param sealId            the seal to sign with (an ECDSA P-256 seal)
     * @param licenceIdentifier the licence's identifier: the document element's Id is
     *                          {@link LicenceXmlRenderer#documentId} of it; recorded in the seal usage log
     * @param signingTime       the XAdES SigningTime
     * @return the signed document bytes (UTF-8)
     */
    byte[] seal(Document document, String sealId, String licenceIdentifier, Instant signingTime);
}
