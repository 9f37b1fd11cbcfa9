package cn.zhengyin.licence.sealing.internal;

import cn.zhengyin.licence.sealing.LicenceSealer.SealingFailedException;
import cn.zhengyin.licence.sealing.OfdSealer;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import cn.zhengyin.trust.ofd.OfdFormatException;
import cn.zhengyin.trust.ofd.OfdSealPreparer;
import cn.zhengyin.trust.ofd.OfdSignaturePreparation;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * {@link OfdSealer} backed by the seal service: trust-core's {@link OfdSealPreparer} lays out the signature parts with
 * the seal's SESeal ({@code GET /api/v1/seals/{id}/seseal}, fetched once per seal) as Seal.esl; the SM3 hash of
 * Signature.xml and its path (propertyInfo) go to {@code POST /api/v1/signatures/ses}, which authorises the request as
 * for PAdES and returns the SES_Signature v4 with its SM2 time-stamp; that becomes SignedValue.dat.
 */
public final class SealServiceOfdSealer implements OfdSealer {
    private final SealServiceClient sealService;
    private final OfdSealPreparer preparer = new OfdSealPreparer("Zhengyin licence-service", "1");

    public SealServiceOfdSealer(SealServiceClient sealService) {
        this.sealService = sealService;
    }

    record SesSignatureRequest(String sealId, String dataHash, String propertyInfo, String licenceIdentifier) {}

    record SesSignatureResponse(String sealId, String format, String sesSignature) {}

    @Override
    public byte[] seal(
            byte[] ofd, String sealId, String licenceIdentifier, OfdSealPreparer.Stamp stamp, Instant signingTime) {
        byte[] seal = sealService.seseal(sealId);
        OfdSignaturePreparation prepared;
        try {
            prepared = preparer.prepare(ofd, seal, List.of(stamp), signingTime);
        } catch (OfdFormatException e) {
            throw new SealingFailedException("the OFD could not be prepared for sealing: " + e.getMessage(), false, e);
        }
        SesSignatureResponse signed = sealService.sign(
                "/api/v1/signatures/ses",
                new SesSignatureRequest(
                        sealId,
                        Base64.getEncoder().encodeToString(prepared.dataHash()),
                        prepared.propertyInfo(),
                        licenceIdentifier),
                SesSignatureResponse.class);
        if (signed.sesSignature() == null) {
            throw new SealingFailedException("the seal service returned no SES signature", true, null);
        }
        try {
            return prepared.complete(Base64.getDecoder().decode(signed.sesSignature()));
        } catch (OfdFormatException | IllegalArgumentException e) {
            // e.g. the seal was remade since its SESeal was cached: fetch it again on the next attempt
            sealService.forget(sealId);
            throw new SealingFailedException(
                    "the OFD seal signature could not be completed: " + e.getMessage(), true, e);
        }
    }
}
