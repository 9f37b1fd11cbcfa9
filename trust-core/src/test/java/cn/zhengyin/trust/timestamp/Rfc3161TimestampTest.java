package cn.zhengyin.trust.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.testing.TestPki;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.Outcome;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

class Rfc3161TimestampTest {

    static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    final TestPki pki = TestPki.create(NOW);
    final TimestampAuthority tsa = pki.timestampAuthority(CLOCK);
    final TimestampVerifier verifier = new TimestampVerifier(Set.of(pki.root()), List.of());
    final byte[] data = "signature value".getBytes(StandardCharsets.US_ASCII);

    @Test
    void goodTokenVerifiesWithGenTimePolicyAndEveryCheckPassed() throws Exception {
        TimeStampToken token = new InProcessTimestampSource(tsa).timestamp(Digests.sha256(data));

        TimestampVerification result = verifier.verify(token, data);

        assertThat(result.isValid()).as(result.checks().toString()).isTrue();
        assertThat(result.genTime()).contains(NOW);
        assertThat(result.policyOid()).contains(TimestampAuthority.DEV_POLICY_OID);
        assertThat(result.checks())
                .filteredOn(c -> !c.id().equals(TimestampVerifier.REVOCATION))
                .extracting(CheckResult::outcome)
                .containsOnly(Outcome.PASSED);
        assertThat(token.getTimeStampInfo().getAccuracy().getSeconds().intValueExact())
                .isEqualTo(1);
    }

    @Test
    void aMalformedCertificateInTheTokenFailsTheTsaCertificateCheckInsteadOfThrowing() throws Exception {
        // found by SesFuzzTest: Bouncy Castle decodes the certificates lazily and threw IllegalArgumentException
        org.bouncycastle.asn1.cms.ContentInfo info =
                tsa.timestamp(Digests.sha256(data)).toCMSSignedData().toASN1Structure();
        org.bouncycastle.asn1.cms.SignedData signed =
                org.bouncycastle.asn1.cms.SignedData.getInstance(info.getContent());
        org.bouncycastle.asn1.ASN1Set garbage = new org.bouncycastle.asn1.DERSet(
                new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                    new org.bouncycastle.asn1.ASN1Integer(1),
                    new org.bouncycastle.asn1.ASN1Integer(2),
                    new org.bouncycastle.asn1.ASN1Integer(3)
                }));
        TimeStampToken token = new TimeStampToken(new org.bouncycastle.asn1.cms.ContentInfo(
                info.getContentType(),
                new org.bouncycastle.asn1.cms.SignedData(
                        signed.getDigestAlgorithms(),
                        signed.getEncapContentInfo(),
                        garbage,
                        signed.getCRLs(),
                        signed.getSignerInfos())));

        TimestampVerification result = verifier.verify(token, data);

        assertThat(result.isValid()).isFalse();
        assertThat(outcome(result, TimestampVerifier.TSA_CERTIFICATE)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(result, TimestampVerifier.IMPRINT)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void wrongImprintFailsTheImprintCheck() throws Exception {
        TimeStampToken token = tsa.timestamp(Digests.sha256(data));

        TimestampVerification result = verifier.verify(token, "other data".getBytes(StandardCharsets.US_ASCII));

        assertThat(result.isValid()).isFalse();
        assertThat(outcome(result, TimestampVerifier.IMPRINT)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(result, TimestampVerifier.SIGNATURE)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void tsaCertificateWithoutTimeStampingEkuIsRejected() throws Exception {
        SigningKey notTsa = pki.issueKey(
                "not-a-tsa",
                TestPki.Role.TSA_WITHOUT_TIME_STAMPING,
                NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
        assertThatThrownBy(() -> new TimestampAuthority(
                        notTsa, TimestampAuthority.DEV_POLICY_OID, CLOCK, () -> BigInteger.ONE, Duration.ofSeconds(1)))
                .isInstanceOf(TimestampException.class)
                .hasMessageContaining("id-kp-timeStamping");

        // Bouncy Castle's TimeStampTokenGenerator refuses such a certificate, so build the token by hand.
        var cert = notTsa.certificateChain().get(0);
        var info = new org.bouncycastle.asn1.tsp.TSTInfo(
                new org.bouncycastle.asn1.ASN1ObjectIdentifier(TimestampAuthority.DEV_POLICY_OID),
                new org.bouncycastle.asn1.tsp.MessageImprint(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), Digests.sha256(data)),
                new org.bouncycastle.asn1.ASN1Integer(10),
                new org.bouncycastle.asn1.ASN1GeneralizedTime(java.util.Date.from(NOW)),
                null,
                org.bouncycastle.asn1.ASN1Boolean.FALSE,
                null,
                null,
                null);
        var certId = new org.bouncycastle.asn1.ess.ESSCertIDv2(Digests.sha256(cert.getEncoded()));
        var attributes = new org.bouncycastle.asn1.ASN1EncodableVector();
        attributes.add(new org.bouncycastle.asn1.cms.Attribute(
                org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new org.bouncycastle.asn1.DERSet(new org.bouncycastle.asn1.ess.SigningCertificateV2(
                        new org.bouncycastle.asn1.ess.ESSCertIDv2[] {certId}))));
        var digests = new JcaDigestCalculatorProviderBuilder().build();
        var generator = new org.bouncycastle.cms.CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                .setSignedAttributeGenerator(new org.bouncycastle.cms.DefaultSignedAttributeTableGenerator(
                        new org.bouncycastle.asn1.cms.AttributeTable(attributes)))
                .build(new cn.zhengyin.trust.crypto.SigningKeyContentSigner(notTsa), cert));
        generator.addCertificates(new JcaCertStore(notTsa.certificateChain()));
        TimeStampToken token = new TimeStampToken(generator.generate(
                new org.bouncycastle.cms.CMSProcessableByteArray(
                        org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_ct_TSTInfo, info.getEncoded()),
                true));

        TimestampVerification result = verifier.verify(token, data);

        assertThat(result.isValid()).isFalse();
        assertThat(outcome(result, TimestampVerifier.TSA_KEY_USAGE)).isEqualTo(Outcome.FAILED);
        assertThat(outcome(result, TimestampVerifier.SIGNATURE)).isEqualTo(Outcome.PASSED);
        assertThat(outcome(result, TimestampVerifier.IMPRINT)).isEqualTo(Outcome.PASSED);
    }

    @Test
    void tokenFromUntrustedTsaFailsTheChainCheck() throws Exception {
        TestPki other = TestPki.create(NOW, "Other");
        TimeStampToken token = other.timestampAuthority(CLOCK).timestamp(Digests.sha256(data));

        TimestampVerification result = verifier.verify(token, data);

        assertThat(result.isValid()).isFalse();
        assertThat(outcome(result, TimestampVerifier.CHAIN)).isEqualTo(Outcome.FAILED);
    }

    @Test
    void responderEchoesNonceHonoursCertReqAndRejectsGarbage() throws Exception {
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(false);
        var request = requests.generate(NISTObjectIdentifiers.id_sha256, Digests.sha256(data), BigInteger.valueOf(42));
        TimeStampResponse response = new TimeStampResponse(tsa.respond(request.getEncoded()));
        response.validate(request);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(42));
        assertThat(response.getTimeStampToken().getCertificates().getMatches(null))
                .isEmpty();

        TimeStampResponse rejected = new TimeStampResponse(tsa.respond(new byte[] {1, 2, 3}));
        assertThat(rejected.getStatus()).isEqualTo(2);
        assertThat(rejected.getTimeStampToken()).isNull();

        requests.setReqPolicy(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.2.3.4"));
        var otherPolicy = requests.generate(NISTObjectIdentifiers.id_sha256, Digests.sha256(data));
        assertThat(new TimeStampResponse(tsa.respond(otherPolicy.getEncoded())).getStatus())
                .isEqualTo(2);
    }

    /** Review #14 finding 9: a rejection says what is wrong with the request, never an internal class name. */
    @Test
    void aMalformedRequestIsRejectedAsBadDataFormatWithoutInternalNames() throws Exception {
        List<byte[]> garbage = List.of(
                new byte[] {1, 2, 3},
                new byte[0],
                new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Integer(1)).getEncoded(),
                new org.bouncycastle.asn1.DEROctetString(new byte[] {4, 5}).getEncoded(),
                "hello".getBytes(StandardCharsets.US_ASCII));
        for (byte[] request : garbage) {
            TimeStampResponse rejected = new TimeStampResponse(tsa.respond(request));
            assertThat(rejected.getStatus()).isEqualTo(2);
            assertThat(rejected.getStatusString())
                    .contains("TimeStampReq")
                    .doesNotContain("java.", "Exception", "bouncycastle", "org.");
            assertThat(rejected.getFailInfo().intValue())
                    .isEqualTo(org.bouncycastle.asn1.cmp.PKIFailureInfo.badDataFormat);
        }
    }

    @Test
    void serialNumbersComeFromTheInjectedSource() throws Exception {
        TimeStampToken first = tsa.timestamp(Digests.sha256(data));
        TimeStampToken second = tsa.timestamp(Digests.sha256(data));
        assertThat(first.getTimeStampInfo().getSerialNumber()).isEqualTo(BigInteger.ONE);
        assertThat(second.getTimeStampInfo().getSerialNumber()).isEqualTo(BigInteger.TWO);
    }

    static Outcome outcome(TimestampVerification result, String id) {
        return result.checks().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow()
                .outcome();
    }
}
