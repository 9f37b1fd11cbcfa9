package cn.zhengyin.trust.ses;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import cn.zhengyin.trust.validation.RevocationPolicy;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** The SM2 development PKI from keys-dev, and makers/signers/verifiers over it, for the GB/T 38540 tests. */
public final class SesFixture {

    static final Path KEYS = Path.of("..", "keys-dev");
    static final char[] PASSWORD = "zhengyin-dev".toCharArray();
    static final String VENDOR = "ZHENGYIN";
    static final String PROPERTY_INFO = "/Doc_0/Signs/Sign_0/Signature.xml";
    static final byte[] ORIGINAL =
            "<ofd:Signature>示范</ofd:Signature>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** A PNG signature plus filler: the codec does not decode images. */
    static final byte[] PICTURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    public final Credential root = credential("sm2-root-ca");
    public final Credential sealCa = credential("sm2-seal-ca");
    public final SigningKey maker = key("sm2-seal-maker");
    public final SigningKey signer = key("sm2-dev-seal");
    public final SigningKey tsaKey = key("sm2-tsa");
    /** Inside every certificate's validity: a day after the leaves were issued. */
    public final Instant now;

    public SesFixture() {
        Providers.bouncyCastle();
        now = maker.certificateChain()
                .get(0)
                .getNotBefore()
                .toInstant()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS);
    }

    static Credential credential(String name) {
        return Pkcs12.read(KEYS.resolve(name + ".p12"), name, PASSWORD);
    }

    static SigningKey key(String name) {
        Credential c = credential(name);
        return SoftwareKeyCustody.fromKey(name, c.privateKey(), c.chain());
    }

    SealMaker.SealRequest request(CertList certList, Instant validStart, Instant validEnd) {
        return new SealMaker.SealRequest(
                "ZYDEV-SEAL-0002",
                1,
                "证印示范市市场监督管理局电子证照专用章",
                certList,
                validStart,
                validStart,
                validEnd,
                new SealPicture("PNG", PICTURE, 42, 42),
                List.of());
    }

    public ElectronicSeal.V4 seal() {
        return seal(CertList.of(List.of(signer.certificateChain().get(0))), now, now.plus(Duration.ofDays(365)));
    }

    public ElectronicSeal.V4 seal(CertList certList, Instant validStart, Instant validEnd) {
        return new SealMaker(maker, VENDOR).make(request(certList, validStart, validEnd));
    }

    public InProcessTimestampSource tsa(Instant at) {
        AtomicLong serial = new AtomicLong(1);
        return new InProcessTimestampSource(new TimestampAuthority(
                tsaKey,
                TimestampAuthority.DEV_POLICY_OID,
                Clock.fixed(at, ZoneOffset.UTC),
                () -> BigInteger.valueOf(serial.getAndIncrement()),
                Duration.ofSeconds(1)));
    }

    public SealSigner signerWithTimestamps(Instant at) {
        return new SealSigner(Optional.of(tsa(at)));
    }

    public SesVerifier verifier() {
        return verifier(Set.of(root.certificate()));
    }

    public SesVerifier verifier(Set<X509Certificate> anchors) {
        return new SesVerifier(anchors, List.of(sealCa.certificate()), List.of(), RevocationPolicy.CHECK_IF_AVAILABLE);
    }

    static String openssl(byte[] der) throws Exception {
        Path file = java.nio.file.Files.createTempFile("ses", ".der");
        try {
            java.nio.file.Files.write(file, der);
            Process p = new ProcessBuilder("openssl", "asn1parse", "-inform", "DER", "-in", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new AssertionError("openssl asn1parse failed:\n" + out);
            }
            return out;
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    static boolean opensslAvailable() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
