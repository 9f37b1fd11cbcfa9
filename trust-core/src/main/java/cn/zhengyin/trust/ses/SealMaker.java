package cn.zhengyin.trust.ses;

import cn.zhengyin.trust.crypto.SignatureAlgorithm;
import cn.zhengyin.trust.crypto.SigningKey;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Makes GB/T 38540-2020 electronic seals (制章): builds SES_SealInfo, has the seal maker (制章者) sign its DER encoding
 * with SM2/SM3 (signAlgID 1.2.156.10197.1.501) and assembles the SESeal with the maker's certificate. The maker key
 * never leaves its {@link SigningKey}. Thread-safe.
 */
public final class SealMaker {

    private final SigningKey maker;
    private final String vendorId;

    /**
     * @param maker    the seal maker's key ({@link SignatureAlgorithm#SM2_SM3}); its first certificate, an
     *                 organisation certificate, goes into every seal
     * @param vendorId the vendor identifier written in SES_Header.Vid (IA5)
     * @throws SesException if the key is not SM2/SM3
     */
    public SealMaker(SigningKey maker, String vendorId) {
        this.maker = Objects.requireNonNull(maker, "maker");
        this.vendorId = Objects.requireNonNull(vendorId, "vendorId");
        if (maker.algorithm() != SignatureAlgorithm.SM2_SM3) {
            throw new SesException("Seal maker key '" + maker.keyId() + "' signs with " + maker.algorithm()
                    + "; GB/T 38540 seals are signed with SM2/SM3 (1.2.156.10197.1.501). Use an SM2 key.");
        }
    }

    /**
     * What a seal says about itself.
     *
     * @param esId       电子印章唯一标识 (IA5)
     * @param type       印章类型 (free in GB/T 38540; e.g. 1 单位印章)
     * @param name       印章名称 as filed with public security
     * @param certList   signer certificates (certListType 1) or their hashes (2): see {@link CertList#of} and
     *                   {@link CertList#sm3DigestsOf}
     * @param createDate when the seal is made (from the caller's clock; whole seconds are kept)
     * @param validStart start of validity
     * @param validEnd   end of validity, after validStart
     * @param picture    the seal image
     * @param extDatas   extensions, possibly empty
     */
    public record SealRequest(
            String esId,
            int type,
            String name,
            CertList certList,
            Instant createDate,
            Instant validStart,
            Instant validEnd,
            SealPicture picture,
            List<ExtData> extDatas) {
        public SealRequest {
            Objects.requireNonNull(esId, "esId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(certList, "certList");
            Objects.requireNonNull(createDate, "createDate");
            Objects.requireNonNull(validStart, "validStart");
            Objects.requireNonNull(validEnd, "validEnd");
            Objects.requireNonNull(picture, "picture");
            extDatas = List.copyOf(extDatas);
            if (!validEnd.isAfter(validStart)) {
                throw new SesException("Seal validEnd " + validEnd + " is not after validStart " + validStart + ".");
            }
            if (certList instanceof CertList.Certificates c && c.certificates().isEmpty()
                    || certList instanceof CertList.Digests d && d.digests().isEmpty()) {
                throw new SesException("The seal's certList is empty; list the signer certificates allowed to use "
                        + "seal " + esId + ".");
            }
        }
    }

    /**
     * Makes and signs a seal.
     *
     * @return the seal, its {@link ElectronicSeal#encoded()} the DER SESeal
     * @throws SesException if a text field is not IA5 where GB/T 38540 requires it
     * @throws cn.zhengyin.trust.crypto.KeyCustodyException if the key cannot sign
     */
    public ElectronicSeal.V4 make(SealRequest request) {
        SealInfo info = new SealInfo(
                SealHeader.v4(vendorId),
                request.esId(),
                new SealProperty(
                        request.type(),
                        request.name(),
                        request.certList(),
                        request.createDate(),
                        request.validStart(),
                        request.validEnd()),
                request.picture(),
                request.extDatas());
        byte[] sealInfoDer = SesCodec.encode(info);
        byte[] signedValue = maker.sign(sealInfoDer);
        byte[] encoded =
                SesCodec.encodeSealV4(sealInfoDer, makerCertificate(), SignatureAlgorithm.SM2_SM3.oid(), signedValue);
        return (ElectronicSeal.V4) SesCodec.decodeSeal(encoded);
    }

    private byte[] makerCertificate() {
        try {
            return maker.certificateChain().get(0).getEncoded();
        } catch (CertificateEncodingException e) {
            throw new SesException("Cannot encode the seal maker's certificate: " + e.getMessage(), e);
        }
    }
}
