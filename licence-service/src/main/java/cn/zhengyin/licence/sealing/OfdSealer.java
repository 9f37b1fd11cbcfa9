package cn.zhengyin.licence.sealing;

import cn.zhengyin.trust.ofd.OfdSealPreparer;
import java.time.Instant;

/**
 * Port: puts the issuing authority's seal on a licence OFD as a GB/T 38540 electronic seal signature (GB/T 33190 §18):
 * the package is prepared here (Signatures.xml, Signature.xml with the SM3 hash of every part, Seal.esl) and only the
 * SM3 hash of Signature.xml goes to whoever holds the seal's SM2 key. The seal-service adapter throws
 * {@code LicenceSealer.SealingFailedException} when the seal could not be applied (refused: suspended, revoked, not
 * authorised for the licence type, another authority's licence).
 */
public interface OfdSealer {

    /**
     * @param ofd               the unsigned OFD from {@code LicenceOfdRenderer}
     * @param sealId            the seal to sign with (one with an SM2 certificate and a GB/T 38540 SESeal)
     * @param licenceIdentifier the licence's identifier, recorded in the seal usage log and checked against the seal
     * @param stamp             where the seal impression shows
     * @param signingTime       the signature's {@code SignatureDateTime}
     * @return the sealed OFD
     */
    byte[] seal(byte[] ofd, String sealId, String licenceIdentifier, OfdSealPreparer.Stamp stamp, Instant signingTime);
}
