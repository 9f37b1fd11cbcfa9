package cn.zhengyin.bench;

import cn.zhengyin.trust.crypto.KeystoreFileKeyCustody;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import cn.zhengyin.trust.timestamp.TimestampSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark inputs: a licence PDF and XML exactly as licence-service issued them (see
 * {@code fixtures/README.md}), the trust anchors they chain to, the rendered PDF before sealing (the file's first
 * revision) and the licence XML before signing (the issued XML without its {@code ds:Signature}); and the dev keys.
 */
public final class Fixtures {
    public static final char[] DEV_PASSWORD = "zhengyin-dev".toCharArray();

    private static final Properties PROPERTIES = properties();

    private Fixtures() {}

    /** The issued, sealed licence PDF (B-T signature, LTV material in a DSS revision before the signature). */
    public static byte[] issuedPdf() {
        return resource("fixtures/licence.pdf");
    }

    /** The issued, signed licence XML (XAdES enveloped). */
    public static byte[] issuedXml() {
        return resource("fixtures/licence.xml");
    }

    /** The rendered licence PDF before sealing: the issued file's first revision, up to its first %%EOF. */
    public static byte[] renderedPdf() {
        byte[] pdf = issuedPdf();
        String latin = new String(pdf, StandardCharsets.ISO_8859_1);
        int eof = latin.indexOf("%%EOF");
        if (eof < 0) {
            throw new IllegalStateException("fixtures/licence.pdf has no %%EOF");
        }
        int end = eof + 5;
        while (end < pdf.length && (pdf[end] == '\r' || pdf[end] == '\n')) {
            end++;
        }
        return java.util.Arrays.copyOf(pdf, end);
    }

    /** The licence XML before signing: the issued document without its enveloped ds:Signature. */
    public static byte[] unsignedXml() {
        String xml = new String(issuedXml(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("<ds:Signature\\b.*</ds:Signature>", Pattern.DOTALL)
                .matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("fixtures/licence.xml has no ds:Signature");
        }
        return (xml.substring(0, m.start()) + xml.substring(m.end())).getBytes(StandardCharsets.UTF_8);
    }

    /** Id attribute of the licence XML's document element (what the enveloped signature references). */
    public static String xmlRootId() {
        Matcher m = Pattern.compile("<LicenceDocument[^>]*\\sId=\"([^\"]+)\"")
                .matcher(new String(issuedXml(), StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new IllegalStateException("fixtures/licence.xml: no Id on LicenceDocument");
        }
        return m.group(1);
    }

    /** Trust anchors the fixtures were issued under: the dev PKI's {@code trust-anchors.pem}. */
    public static Set<X509Certificate> trustAnchors() {
        try {
            return new LinkedHashSet<>(
                    Pem.parseCertificates(Files.readAllBytes(keysDirectory().resolve("trust-anchors.pem"))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Validation time for the fixtures: shortly after they were issued, so that the CRLs embedded at issuance are
     * current and the outcome (TOTAL_PASSED) does not depend on the day the benchmark runs.
     */
    public static Instant validationTime() {
        return Instant.parse(PROPERTIES.getProperty("validationTime"));
    }

    public static Clock validationClock() {
        return Clock.fixed(validationTime(), ZoneOffset.UTC);
    }

    /** The dev PKI directory: -Dzhengyin.keys, else $ZHENGYIN_KEYS_DIR, else ./keys-dev or ../keys-dev. */
    public static Path keysDirectory() {
        String configured = System.getProperty("zhengyin.keys", System.getenv("ZHENGYIN_KEYS_DIR"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of("keys-dev"), Path.of("..", "keys-dev"))) {
            if (Files.isRegularFile(candidate.resolve("dev-seal.p12"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException(
                "keys-dev/ not found from " + Path.of("").toAbsolutePath()
                        + "; run from the repository root or pass -Dzhengyin.keys=/path/to/keys-dev");
    }

    public static Path keyStore(String name) {
        return keysDirectory().resolve(name + ".p12");
    }

    /** A software key from keys-dev (alias = file name), through Zhengyin's keystore-file custody. */
    public static SigningKey signingKey(String name, Clock clock) {
        return KeystoreFileKeyCustody.open(keyStore(name), DEV_PASSWORD, clock).signingKey(name);
    }

    /** The dev TSA in this process (as seal-service runs it), for Zhengyin's B-T signatures. */
    public static TimestampSource inProcessTsa(Clock clock) {
        AtomicLong serial = new AtomicLong(1);
        return new InProcessTimestampSource(new TimestampAuthority(
                signingKey("tsa", clock),
                TimestampAuthority.DEV_POLICY_OID,
                clock,
                () -> BigInteger.valueOf(serial.getAndIncrement()),
                Duration.ofSeconds(1)));
    }

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream("fixtures/fixture.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing resource fixtures/fixture.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
