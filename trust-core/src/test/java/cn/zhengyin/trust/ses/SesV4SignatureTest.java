package cn.zhengyin.trust.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.zhengyin.trust.testing.Bytes;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SubIndication;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

/** GB/T 38540-2020 §6.3 SES_Signature (v4): signing, time-stamp, DER structure and signature verification. */
class SesV4SignatureTest {

    final SesFixture f = new SesFixture();
    final byte[] dataHash = SealSigner.sm3(SesFixture.ORIGINAL);

    private SealSignature.V4 sign(ElectronicSeal seal) {
        return f.signerWithTimestamps(f.now.plusSeconds(5))
                .sign(seal, f.signer, dataHash, SesFixture.PROPERTY_INFO, f.now.plusSeconds(3));
    }

    @Test
    void signatureRoundTripsAndCarriesAnSm3TimestampOverTheSignatureValue() throws Exception {
        ElectronicSeal.V4 seal = f.seal();
        SealSignature.V4 signature = sign(seal);

        SealSignature decoded = SesCodec.decodeSignature(signature.encoded());

        assertThat(decoded).isInstanceOf(SealSignature.V4.class);
        ToBeSigned toSign = decoded.toSign();
        assertThat(toSign.version()).isEqualTo(4);
        assertThat(toSign.seal().encoded()).isEqualTo(seal.encoded());
        assertThat(((ToBeSigned.V4) toSign).timeInfo()).isEqualTo(f.now.plusSeconds(3));
        assertThat(toSign.dataHash()).isEqualTo(dataHash);
        assertThat(toSign.propertyInfo()).isEqualTo(SesFixture.PROPERTY_INFO);
        assertThat(decoded.signerCertificate())
                .isEqualTo(f.signer.certificateChain().get(0).getEncoded());
        assertThat(decoded.signatureAlgorithm()).isEqualTo("1.2.156.10197.1.501");
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(
                ASN1Primitive.fromByteArray(decoded.timeStamp().orElseThrow())));
        assertThat(token.getTimeStampInfo().getHashAlgorithm().getAlgorithm()).isEqualTo(GMObjectIdentifiers.sm3);
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(SealSigner.sm3(decoded.signature()));
        // timeStamp is [0] EXPLICIT BIT STRING
        ASN1Sequence outer = ASN1Sequence.getInstance(signature.encoded());
        assertThat(outer.size()).isEqualTo(5);
        ASN1TaggedObject tagged = (ASN1TaggedObject) outer.getObjectAt(4);
        assertThat(tagged.getTagNo()).isZero();
        assertThat(tagged.getExplicitBaseObject()).isInstanceOf(DERBitString.class);
    }

    @Test
    void opensslShowsTheV4SignatureWithAnExplicitTimestamp() throws Exception {
        assumeThat(SesFixture.opensslAvailable()).as("openssl on PATH").isTrue();
        String out = SesFixture.openssl(sign(f.seal()).encoded());

        List<String> depth1 = out.lines().filter(l -> l.contains(":d=1 ")).toList();
        assertThat(depth1).hasSize(5);
        assertThat(depth1.get(0)).contains("SEQUENCE");
        assertThat(depth1.get(1)).contains("OCTET STRING");
        assertThat(depth1.get(2)).containsAnyOf("SM2-with-SM3", "1.2.156.10197.1.501");
        assertThat(depth1.get(3)).contains("BIT STRING");
        assertThat(depth1.get(4)).contains("cont [ 0 ]", "cons");
        List<String> depth2 = out.lines().filter(l -> l.contains(":d=2 ")).toList();
        assertThat(depth2.get(0)).contains("INTEGER", ":04");
        assertThat(depth2).anyMatch(l -> l.contains("IA5STRING") && l.contains(SesFixture.PROPERTY_INFO));
        assertThat(depth2.getLast()).contains("BIT STRING");
        assertThat(out).contains("IA5STRING         :ES");
    }

    @Test
    void verifierAcceptsATimestampedSignatureAndJudgesAtTheTimestamp() {
        SealSignature.V4 signature = sign(f.seal());

        SesVerificationReport report =
                f.verifier().verifySignature(signature.encoded(), SesFixture.ORIGINAL, f.now.plus(Duration.ofDays(2)));

        assertThat(report.checks()).noneMatch(c -> c.outcome() == Outcome.FAILED);
        assertThat(report.isPassed()).isTrue();
        assertThat(report.timestampTime()).contains(f.now.plusSeconds(5));
        assertThat(report.signingTime()).contains(f.now.plusSeconds(5));
        assertThat(report.check(SesVerifier.TIMESTAMP).orElseThrow().outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.check(SesVerifier.SIGNER_AUTHORISED).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(report.signerSubject().orElseThrow()).contains("证印示范市市场监督管理局电子证照专用章");
    }

    @Test
    void verifierAcceptsASignatureWithoutTimestampAtItsClaimedTime() {
        SealSignature.V4 signature = new SealSigner(Optional.empty())
                .sign(f.seal(), f.signer, dataHash, SesFixture.PROPERTY_INFO, f.now.plusSeconds(3));

        SesVerificationReport report =
                f.verifier().verifySignature(signature.encoded(), SesFixture.ORIGINAL, f.now.plusSeconds(60));

        assertThat(signature.timeStamp()).isEmpty();
        assertThat(report.isPassed()).isTrue();
        assertThat(report.signingTime()).contains(f.now.plusSeconds(3));
        assertThat(report.check(SesVerifier.TIMESTAMP).orElseThrow().outcome()).isEqualTo(Outcome.NOT_CHECKED);
    }

    @Test
    void verifierRejectsATamperedSignature() {
        byte[] der = sign(f.seal()).encoded();
        int at = Bytes.indexOf(der, SesFixture.PROPERTY_INFO.getBytes());
        der[at + 1] = 'E'; // "/Doc_0" → "/Eoc_0" inside TBS_Sign

        SesVerificationReport report = f.verifier().verifySignature(der, SesFixture.ORIGINAL, f.now);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(report.check(SesVerifier.SIGNATURE_VALUE).orElseThrow().isFailed())
                .isTrue();
    }

    @Test
    void verifierRejectsAChangedSignatureValueAlsoThroughTheTimestamp() {
        SealSignature.V4 signature = sign(f.seal());
        byte[] der = signature.encoded();
        int at = Bytes.indexOf(der, signature.signature());
        der[at + 10] ^= 0x01;

        SesVerificationReport report = f.verifier().verifySignature(der, SesFixture.ORIGINAL, f.now);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.check(SesVerifier.TIMESTAMP).orElseThrow().isFailed()).isTrue();
        assertThat(report.check("ses.signature.timestamp.message-imprint")
                        .orElseThrow()
                        .isFailed())
                .isTrue();
    }

    @Test
    void verifierRejectsAWrongDataHash() {
        SealSignature.V4 signature = sign(f.seal());

        SesVerificationReport report =
                f.verifier().verifySignature(signature.encoded(), "another original".getBytes(), f.now);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.HASH_FAILURE);
    }

    @Test
    void verifierRejectsASignerWhoseCertificateIsNotInTheSealsList() {
        SealSignature.V4 signature = f.signerWithTimestamps(f.now.plusSeconds(5))
                .sign(f.seal(), f.maker, dataHash, SesFixture.PROPERTY_INFO, f.now.plusSeconds(3));

        SesVerificationReport report = f.verifier().verifySignature(signature.encoded(), SesFixture.ORIGINAL, f.now);

        assertThat(report.isPassed()).isFalse();
        assertThat(report.check(SesVerifier.SIGNATURE_VALUE).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
        assertThat(report.check(SesVerifier.SIGNER_AUTHORISED).orElseThrow().isFailed())
                .isTrue();
        assertThat(report.subIndication()).isEqualTo(SubIndication.SIG_CONSTRAINTS_FAILURE);
    }

    @Test
    void verifierRejectsASealThatExpiredBeforeTheSigningTime() {
        Instant validEnd = f.now.plusSeconds(1);
        ElectronicSeal seal =
                f.seal(CertList.of(List.of(f.signer.certificateChain().get(0))), f.now, validEnd);

        SesVerificationReport report = f.verifier().verifySignature(sign(seal).encoded(), SesFixture.ORIGINAL, f.now);

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.EXPIRED);
        assertThat(report.check(SesVerifier.SEAL_VALIDITY).orElseThrow().isFailed())
                .isTrue();
    }

    @Test
    void verifierAcceptsASealListingSm3CertificateDigests() {
        ElectronicSeal seal = f.seal(
                CertList.sm3DigestsOf(List.of(
                        f.maker.certificateChain().get(0),
                        f.signer.certificateChain().get(0))),
                f.now,
                f.now.plus(Duration.ofDays(30)));

        assertThat(SesCodec.decodeSeal(seal.encoded()).sealInfo().property().certListType())
                .isEqualTo(2);
        SesVerificationReport report = f.verifier().verifySignature(sign(seal).encoded(), SesFixture.ORIGINAL, f.now);

        assertThat(report.isPassed()).isTrue();
        assertThat(report.check(SesVerifier.SIGNER_AUTHORISED).orElseThrow().message())
                .contains("SM3", "certListType 2");
    }

    @Test
    void verifierRejectsAnUntrustedSigner() {
        SesVerifier trustsOnlyEcdsaRoot =
                f.verifier(java.util.Set.of(SesFixture.credential("root-ca").certificate()));

        SesVerificationReport report =
                trustsOnlyEcdsaRoot.verifySignature(sign(f.seal()).encoded(), SesFixture.ORIGINAL, f.now);

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.check(SesVerifier.SIGNER_CHAIN).orElseThrow().isFailed())
                .isTrue();
    }

    @Test
    void decoderAcceptsAnUntaggedOrImplicitTimestamp() throws Exception {
        SealSignature.V4 signature = sign(f.seal());
        ASN1Sequence outer = ASN1Sequence.getInstance(signature.encoded());
        ASN1Encodable bits = ((ASN1TaggedObject) outer.getObjectAt(4)).getExplicitBaseObject();
        for (ASN1Encodable variant : List.of(bits, new DERTaggedObject(false, 0, bits))) {
            byte[] der = new DERSequence(new ASN1Encodable[] {
                        outer.getObjectAt(0), outer.getObjectAt(1), outer.getObjectAt(2), outer.getObjectAt(3), variant
                    })
                    .getEncoded("DER");

            SealSignature decoded = SesCodec.decodeSignature(der);

            assertThat(decoded.timeStamp())
                    .hasValueSatisfying(
                            t -> assertThat(t).isEqualTo(signature.timeStamp().orElseThrow()));
            assertThat(f.verifier()
                            .verifySignature(der, SesFixture.ORIGINAL, f.now)
                            .isPassed())
                    .isTrue();
        }
    }

    @Test
    void signerRefusesABlankPropertyInfoAndAWrongHashLength() {
        SealSigner signer = new SealSigner(Optional.empty());
        assertThatThrownBy(() -> signer.sign(f.seal(), f.signer, dataHash, " ", f.now))
                .isInstanceOf(SesException.class)
                .hasMessageContaining("签名保护范围");
        assertThatThrownBy(() -> signer.sign(f.seal(), f.signer, new byte[20], "x", f.now))
                .isInstanceOf(SesException.class)
                .hasMessageContaining("32");
    }

    @Test
    void garbageSignatureGivesSesFormatException() {
        assertThatThrownBy(() -> SesCodec.decodeSignature(new byte[] {0x30, 0x00}))
                .isInstanceOf(SesFormatException.class)
                .hasMessageContaining("SES_Signature has 0 elements");
        byte[] valid = sign(f.seal()).encoded();
        assertThatThrownBy(() -> SesCodec.decodeSignature(java.util.Arrays.copyOf(valid, valid.length - 3)))
                .isInstanceOf(SesFormatException.class)
                .hasMessageContaining("truncated");
        assertThat(f.verifier()
                        .verifySignature(new byte[] {1, 2, 3}, SesFixture.ORIGINAL, f.now)
                        .subIndication())
                .isEqualTo(SubIndication.FORMAT_FAILURE);
    }
}
