package cn.zhengyin.trust.ses;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.trust.testing.Bytes;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SubIndication;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTCTime;
import org.bouncycastle.asn1.DERUTF8String;
import org.junit.jupiter.api.Test;

/**
 * GM/T 0031-2014 layout (STANDARDS.md §2.4): a 2-element SESeal {@code {SES_SealInfo, SES_SignInfo}} and a 2-element
 * SES_Signature whose TBS_Sign carries the signer certificate and algorithm, built here by hand with BC ASN.1.
 */
class Ses2014LayoutTest {

    static final ASN1ObjectIdentifier SM2_SM3 = new ASN1ObjectIdentifier("1.2.156.10197.1.501");

    final SesFixture f = new SesFixture();
    final Instant signedAt = f.now.plus(Duration.ofHours(1));

    private static ASN1Encodable seq(ASN1Encodable... elements) {
        return new DERSequence(elements);
    }

    private static DERUTCTime utc(Instant t) {
        return new DERUTCTime(Date.from(t));
    }

    /** SES_SealInfo with UTCTime dates, a bare certificate list and an ExtData that spells out critical FALSE. */
    private ASN1Encodable sealInfo() throws Exception {
        return seq(
                seq(new DERIA5String("ES"), new ASN1Integer(1), new DERIA5String("LEGACY-VENDOR")),
                new DERIA5String("LEGACY-0001"),
                seq(
                        new ASN1Integer(1),
                        new DERUTF8String("证印示范市市场监督管理局公章"),
                        seq(new DEROctetString(
                                f.signer.certificateChain().get(0).getEncoded())),
                        utc(f.now),
                        utc(f.now),
                        utc(f.now.plus(Duration.ofDays(365)))),
                seq(
                        new DERIA5String("GIF"),
                        new DEROctetString(new byte[] {'G', 'I', 'F', '8', '9', 'a'}),
                        new ASN1Integer(40),
                        new ASN1Integer(40)),
                seq(seq(new ASN1ObjectIdentifier("1.2.3.4"), ASN1Boolean.FALSE, new DEROctetString(new byte[] {9}))));
    }

    byte[] seal2014() throws Exception {
        ASN1Encodable info = sealInfo();
        DEROctetString cert =
                new DEROctetString(f.maker.certificateChain().get(0).getEncoded());
        byte[] signRange = seq(info, cert, SM2_SM3).toASN1Primitive().getEncoded("DER");
        return seq(info, seq(cert, SM2_SM3, new DERBitString(f.maker.sign(signRange))))
                .toASN1Primitive()
                .getEncoded("DER");
    }

    byte[] signature2014(byte[] seal) throws Exception {
        ASN1Encodable tbs = seq(
                new ASN1Integer(1),
                org.bouncycastle.asn1.ASN1Primitive.fromByteArray(seal),
                new DERBitString(utc(signedAt).getEncoded()),
                new DERBitString(SealSigner.sm3(SesFixture.ORIGINAL)),
                new DERIA5String(SesFixture.PROPERTY_INFO),
                new DEROctetString(f.signer.certificateChain().get(0).getEncoded()),
                SM2_SM3);
        byte[] signature = f.signer.sign(tbs.toASN1Primitive().getEncoded("DER"));
        return seq(tbs, new DERBitString(signature)).toASN1Primitive().getEncoded("DER");
    }

    @Test
    void decodesAHandBuilt2014SealByItsStructure() throws Exception {
        ElectronicSeal seal = SesCodec.decodeSeal(seal2014());

        assertThat(seal).isInstanceOf(ElectronicSeal.V2014.class);
        assertThat(seal.sealInfo().header()).isEqualTo(new SealHeader("ES", 1, "LEGACY-VENDOR"));
        assertThat(seal.sealInfo().esId()).isEqualTo("LEGACY-0001");
        SealProperty property = seal.sealInfo().property();
        assertThat(property.name()).isEqualTo("证印示范市市场监督管理局公章");
        assertThat(property.certListType()).isEqualTo(1);
        assertThat(property.createDate()).isEqualTo(f.now);
        assertThat(property.validEnd()).isEqualTo(f.now.plus(Duration.ofDays(365)));
        assertThat(seal.sealInfo().picture().type()).isEqualTo("GIF");
        assertThat(seal.sealInfo().extDatas())
                .singleElement()
                .satisfies(e -> assertThat(e.critical()).isFalse());
        assertThat(seal.signatureAlgorithm()).isEqualTo(SM2_SM3.getId());
    }

    @Test
    void verifiesA2014SealOverItsSignRangeIncludingAnExplicitCriticalFalse() throws Exception {
        SesVerificationReport report = f.verifier().verifySeal(seal2014(), f.now.plusSeconds(10));

        assertThat(report.checks()).noneMatch(c -> c.outcome() == Outcome.FAILED);
        assertThat(report.isPassed()).isTrue();
        assertThat(report.layout()).contains(SesVerificationReport.GM_T_0031_2014);
    }

    @Test
    void decodesAndVerifiesA2014Signature() throws Exception {
        byte[] der = signature2014(seal2014());

        SealSignature signature = SesCodec.decodeSignature(der);
        SesVerificationReport report = f.verifier().verifySignature(der, SesFixture.ORIGINAL, f.now);

        assertThat(signature).isInstanceOf(SealSignature.V2014.class);
        assertThat(signature.claimedSigningTime()).contains(signedAt);
        assertThat(signature.signerCertificate())
                .isEqualTo(f.signer.certificateChain().get(0).getEncoded());
        assertThat(signature.timeStamp()).isEmpty();
        assertThat(report.checks()).noneMatch(c -> c.outcome() == Outcome.FAILED);
        assertThat(report.isPassed()).isTrue();
        assertThat(report.signingTime()).contains(signedAt);
    }

    @Test
    void rejectsA2014SignatureOverAnotherOriginalOrWithATamperedSeal() throws Exception {
        byte[] der = signature2014(seal2014());
        assertThat(f.verifier().verifySignature(der, "other".getBytes(), f.now).subIndication())
                .isEqualTo(SubIndication.HASH_FAILURE);

        int at = Bytes.indexOf(der, "LEGACY-0001".getBytes());
        der[at] = 'X';
        SesVerificationReport report = f.verifier().verifySignature(der, SesFixture.ORIGINAL, f.now);
        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.check(SesVerifier.SIGNATURE_VALUE).orElseThrow().isFailed())
                .isTrue();
        assertThat(report.check(SesVerifier.SEAL_SIGNATURE).orElseThrow().isFailed())
                .isTrue();
    }
}
