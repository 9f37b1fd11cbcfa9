package cn.zhengyin.trust.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import cn.zhengyin.trust.TrustException;
import cn.zhengyin.trust.testing.Bytes;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.SubIndication;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GB/T 38540-2020 §6.2 SESeal (v4): making, DER structure, decoding and seal verification. */
class SesV4SealTest {

    final SesFixture f = new SesFixture();

    @Test
    void madeSealRoundTripsThroughItsDerEncoding() throws Exception {
        ElectronicSeal.V4 seal = f.seal();

        ElectronicSeal decoded = SesCodec.decodeSeal(seal.encoded());

        assertThat(decoded).isInstanceOf(ElectronicSeal.V4.class);
        SealInfo info = decoded.sealInfo();
        assertThat(info.header()).isEqualTo(new SealHeader("ES", 4, SesFixture.VENDOR));
        assertThat(info.esId()).isEqualTo("ZYDEV-SEAL-0002");
        assertThat(info.property().name()).isEqualTo("证印示范市市场监督管理局电子证照专用章");
        assertThat(info.property().certListType()).isEqualTo(1);
        assertThat(((CertList.Certificates) info.property().certList()).certificates())
                .containsExactly(f.signer.certificateChain().get(0).getEncoded());
        assertThat(info.property().createDate()).isEqualTo(f.now);
        assertThat(info.property().validEnd()).isEqualTo(f.now.plus(Duration.ofDays(365)));
        assertThat(info.picture().type()).isEqualTo("PNG");
        assertThat(info.picture().data()).isEqualTo(SesFixture.PICTURE);
        assertThat(info.picture().widthMm()).isEqualTo(42);
        assertThat(decoded.makerCertificate())
                .isEqualTo(f.maker.certificateChain().get(0).getEncoded());
        assertThat(decoded.signatureAlgorithm()).isEqualTo("1.2.156.10197.1.501");
        assertThat(decoded.signedData()).isEqualTo(SesCodec.encode(info));
        assertThat(decoded.encoded()).isEqualTo(seal.encoded());
    }

    @Test
    void opensslShowsTheV4StructureOfTheSeal() throws Exception {
        assumeThat(SesFixture.opensslAvailable()).as("openssl on PATH").isTrue();
        String out = SesFixture.openssl(f.seal().encoded());

        assertThat(out)
                .contains(
                        "IA5STRING         :ES",
                        "INTEGER           :04",
                        "IA5STRING         :ZHENGYIN",
                        "IA5STRING         :ZYDEV-SEAL-0002",
                        "IA5STRING         :PNG",
                        "GENERALIZEDTIME",
                        "BIT STRING");
        assertThat(out).containsAnyOf("SM2-with-SM3", "1.2.156.10197.1.501");
        // SESeal is a SEQUENCE of exactly 4 at depth 0: SES_SealInfo, OCTET STRING, OID, BIT STRING at depth 1.
        List<String> depth1 = out.lines().filter(l -> l.contains(":d=1 ")).toList();
        assertThat(depth1).hasSize(4);
        assertThat(depth1.get(0)).contains("SEQUENCE");
        assertThat(depth1.get(1)).contains("OCTET STRING");
        assertThat(depth1.get(2)).contains("OBJECT");
        assertThat(depth1.get(3)).contains("BIT STRING");
    }

    @Test
    void verifierAcceptsAFreshSeal() {
        SesVerificationReport report = f.verifier().verifySeal(f.seal().encoded(), f.now.plusSeconds(60));

        assertThat(report.checks()).noneMatch(c -> c.outcome() == Outcome.FAILED);
        assertThat(report.isPassed()).isTrue();
        assertThat(report.layout()).contains(SesVerificationReport.GB_T_38540_2020);
        assertThat(report.signerSubject().orElseThrow()).contains("证印示范市电子印章制作中心");
        assertThat(report.check(SesVerifier.SEAL_MAKER_CHAIN).orElseThrow().outcome())
                .isEqualTo(Outcome.PASSED);
    }

    @Test
    void verifierRejectsASealWithOneByteChangedInSealInfo() {
        byte[] der = f.seal().encoded();
        der[Bytes.indexOf(der, SesFixture.PICTURE) + 9] ^= 0x01;

        SesVerificationReport report = f.verifier().verifySeal(der, f.now.plusSeconds(60));

        assertThat(report.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(report.subIndication()).isEqualTo(SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(report.check(SesVerifier.SEAL_SIGNATURE).orElseThrow().isFailed())
                .isTrue();
    }

    @Test
    void verifierRejectsASealMadeByAnUntrustedMaker() {
        SesVerifier trustsOnlyEcdsaRoot =
                f.verifier(Set.of(SesFixture.credential("root-ca").certificate()));

        SesVerificationReport report = trustsOnlyEcdsaRoot.verifySeal(f.seal().encoded(), f.now.plusSeconds(60));

        assertThat(report.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(report.subIndication()).isEqualTo(SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(report.check(SesVerifier.SEAL_MAKER_CHAIN).orElseThrow().isFailed())
                .isTrue();
    }

    @Test
    void verifierRejectsASealOutsideItsValidity() {
        ElectronicSeal seal = f.seal();

        SesVerificationReport report = f.verifier().verifySeal(seal.encoded(), f.now.plus(Duration.ofDays(366)));

        assertThat(report.subIndication()).isEqualTo(SubIndication.EXPIRED);
        assertThat(report.check(SesVerifier.SEAL_VALIDITY).orElseThrow().message())
                .contains("expired");
    }

    @Test
    void sealMakerRefusesANonSm2Key() {
        assertThatThrownBy(() -> new SealMaker(SesFixture.key("dev-seal"), "V"))
                .isInstanceOf(SesException.class)
                .hasMessageContaining("SM2");
    }

    @Test
    void emittedExtDataOmitsTheDefaultCriticalFalse() {
        SealMaker.SealRequest base = f.request(
                CertList.of(List.of(f.signer.certificateChain().get(0))), f.now, f.now.plus(Duration.ofDays(30)));
        SealMaker.SealRequest withExt = new SealMaker.SealRequest(
                base.esId(),
                base.type(),
                base.name(),
                base.certList(),
                base.createDate(),
                base.validStart(),
                base.validEnd(),
                base.picture(),
                List.of(new ExtData("1.2.3.4", false, new byte[] {7}), new ExtData("1.2.3.5", true, new byte[] {8})));
        ElectronicSeal seal = new SealMaker(f.maker, "V").make(withExt);
        byte[] der = seal.encoded();
        // 1.2.3.4 ext: SEQUENCE { OID 2a0304, OCTET STRING 07 } without a BOOLEAN.
        assertThat(Bytes.indexOf(der, new byte[] {0x30, 0x08, 0x06, 0x03, 0x2a, 0x03, 0x04, 0x04, 0x01, 0x07}))
                .isPositive();
        assertThat(seal.sealInfo().extDatas()).extracting(ExtData::critical).containsExactly(false, true);
        assertThat(f.verifier().verifySeal(der, f.now.plusSeconds(1)).isPassed())
                .isTrue();
    }

    @Test
    void garbageInputGivesSesFormatException() {
        assertThatThrownBy(() -> SesCodec.decodeSeal(new byte[0]))
                .isInstanceOf(SesFormatException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> SesCodec.decodeSeal("not a seal".getBytes())).isInstanceOf(SesFormatException.class);
        assertThatThrownBy(() -> SesCodec.decodeSeal(new byte[SesCodec.MAX_INPUT_BYTES + 1]))
                .isInstanceOf(SesFormatException.class)
                .hasMessageContaining("at most");
        byte[] deep = new byte[4000];
        for (int i = 0; i < deep.length; i += 2) {
            deep[i] = 0x30;
            deep[i + 1] = (byte) 0x80;
        }
        assertThatThrownBy(() -> SesCodec.decodeSeal(deep)).isInstanceOf(SesFormatException.class);
        assertThatThrownBy(() -> SesCodec.decodeSeal(new byte[] {0x30, 0x03, 0x02, 0x01, 0x04}))
                .isInstanceOf(SesFormatException.class)
                .hasMessageContaining("SESeal has 1 elements");
        byte[] valid = f.seal().encoded();
        byte[] trailing = Arrays.copyOf(valid, valid.length + 1);
        assertThatThrownBy(() -> SesCodec.decodeSeal(trailing))
                .isInstanceOf(SesFormatException.class)
                .hasMessageContaining("trailing");
        assertThat(f.verifier().verifySeal(trailing, f.now).subIndication()).isEqualTo(SubIndication.FORMAT_FAILURE);
    }

    @Test
    void fuzzedAndTruncatedSealsOnlyEverGiveSesFormatException() {
        byte[] valid = f.seal().encoded();
        Random random = new Random(38540);
        for (int i = 0; i < valid.length; i += 7) {
            assertOnlyFormatException(Arrays.copyOf(valid, i), i % 70 == 0);
        }
        for (int i = 0; i < 1500; i++) {
            byte[] mutated = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            assertOnlyFormatException(mutated, i % 25 == 0);
        }
        for (int i = 0; i < 500; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            if (random.nextBoolean()) {
                noise[0] = 0x30;
            }
            assertOnlyFormatException(noise, i % 25 == 0);
        }
    }

    private void assertOnlyFormatException(byte[] input, boolean alsoVerify) {
        try {
            SesCodec.decodeSeal(input);
            SesCodec.decodeSignature(input);
        } catch (SesFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("decoding " + input.length + " bytes threw " + e, e);
        }
        if (alsoVerify) { // the verifier never throws either
            assertThat(f.verifier().verifySeal(input, f.now)).isNotNull();
        }
    }

    @Test
    void sesFormatExceptionIsATrustException() {
        assertThat(new SesFormatException("x")).isInstanceOf(TrustException.class);
    }
}
