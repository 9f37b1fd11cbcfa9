package cn.zhengyin.trust.testing;

import cn.zhengyin.trust.cms.CadesDigestSigner;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import cn.zhengyin.trust.trustlist.AuthorityStatus;
import cn.zhengyin.trust.trustlist.ListedAuthority;
import cn.zhengyin.trust.trustlist.SchemeInformation;
import cn.zhengyin.trust.trustlist.StatusChange;
import cn.zhengyin.trust.trustlist.TrustList;
import cn.zhengyin.trust.trustlist.TrustListSigner;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.XadesEnvelopedSigner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Licences "from another province" for tests of the trust list (证照互认): made with the second, independent dev PKI
 * in {@code keys-dev/other-province} (DEVELOPMENT keys) the way another producer would make them — PDFBox and Bouncy
 * Castle for PAdES (B-T: CAdES detached with a signature time-stamp from the other province's TSA), Santuario for an
 * enveloped XAdES B-B {@code LicenceDocument} — sealed by 邻省示范市市场监督管理局 (USCC {@value #AUTHORITY_USCC}).
 * Also signs trust lists with the dev list signer ({@code keys-dev/trust-list-signer.p12}), granted or withdrawn.
 *
 * <p>Typical test: {@code licences = OtherProvinceLicences.load(keysDev, clock)}; verify
 * {@code licences.padesLicence(id)} with the anchors of {@code licences.trustList(1, false)} → granted; with
 * {@code licences.trustList(2, true)} → withdrawn. Reused by the services through trust-core's test-jar.
 */
public final class OtherProvinceLicences {
    public static final String AUTHORITY_NAME = "邻省示范市市场监督管理局";
    public static final String AUTHORITY_USCC = "11980100000000019B";
    public static final String REGION = "示范邻省";
    /** Business licence (营业执照), the type the dev trust list grants. */
    public static final String BUSINESS_LICENCE = "11100000XF0000001X001";
    /** Food business licence, a type the dev trust list does not grant. */
    public static final String FOOD_BUSINESS_LICENCE = "11100000XF0000001X002";

    private static final char[] PASSWORD = "zhengyin-dev".toCharArray();

    private final Path otherProvince;
    private final Clock clock;
    private final Credential seal;
    private final Credential sm2Seal;
    private final Credential tsa;
    private final Credential listSigner;
    private final AtomicLong tsaSerials = new AtomicLong(1);

    private OtherProvinceLicences(Path keysDev, Clock clock) {
        this.otherProvince = keysDev.resolve("other-province");
        this.clock = clock;
        this.seal = Pkcs12.read(otherProvince.resolve("market-seal.p12"), PASSWORD);
        this.sm2Seal = Pkcs12.read(otherProvince.resolve("sm2-market-seal.p12"), PASSWORD);
        this.tsa = Pkcs12.read(otherProvince.resolve("tsa.p12"), PASSWORD);
        this.listSigner = Pkcs12.read(keysDev.resolve("trust-list-signer.p12"), PASSWORD);
    }

    /** @param keysDev the repository's {@code keys-dev} directory */
    public static OtherProvinceLicences load(Path keysDev, Clock clock) {
        return new OtherProvinceLicences(keysDev, clock);
    }

    /** Finds {@code keys-dev} from the working directory or one of its parents (a module directory in a build). */
    public static Path keysDev() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("keys-dev/other-province"))) {
                return dir.resolve("keys-dev");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "keys-dev/other-province not found above " + Path.of("").toAbsolutePath());
    }

    /** The seal certificate's chain (ECDSA), seal first, up to the other province's root. */
    public List<X509Certificate> sealChain() {
        return seal.chain();
    }

    /** The SM2 seal certificate's chain, seal first. */
    public List<X509Certificate> sm2SealChain() {
        return sm2Seal.chain();
    }

    /** The SM2 seal's key (for SES tests). */
    public SigningKey sm2SealKey() {
        return SoftwareKeyCustody.fromKey("other-province-sm2-seal", sm2Seal.privateKey(), sm2Seal.chain());
    }

    /** The list signer's certificate, to pin. */
    public X509Certificate listSignerCertificate() {
        return listSigner.certificate();
    }

    /** The other province's CRLs (root and seal CAs, ECDSA and SM2), empty, as generated. */
    public List<X509CRL> crls() {
        List<X509CRL> crls = new ArrayList<>();
        for (String ca : List.of("root-ca", "seal-ca", "sm2-root-ca", "sm2-seal-ca")) {
            try {
                crls.add(Pem.parseCrl(Files.readAllBytes(otherProvince.resolve(ca + ".crl"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return crls;
    }

    /** A business licence identifier of the other province's authority. */
    public LicenceIdentifier identifier(String serial) {
        return LicenceIdentifier.first(BUSINESS_LICENCE, AUTHORITY_USCC, serial);
    }

    /**
     * A trust list listing the authority (both seal CAs) for business licences, issued now, next update in 30 days.
     *
     * @param withdrawn whether the authority is withdrawn (since one minute ago) after being granted a year ago
     * @return the list signed with the dev list signer
     */
    public byte[] trustList(long sequence, boolean withdrawn) {
        Instant now = clock.instant();
        Instant granted = now.minus(Duration.ofDays(365));
        List<StatusChange> history = new ArrayList<>();
        history.add(new StatusChange(AuthorityStatus.GRANTED, granted));
        if (withdrawn) {
            history.add(new StatusChange(AuthorityStatus.WITHDRAWN, now.minus(Duration.ofMinutes(1))));
        }
        ListedAuthority authority = new ListedAuthority(
                AUTHORITY_NAME,
                UnifiedSocialCreditCode.parse(AUTHORITY_USCC),
                REGION,
                List.of(seal.chain().get(1), sm2Seal.chain().get(1)),
                List.of(BUSINESS_LICENCE),
                granted,
                Optional.empty(),
                history);
        TrustList list = new TrustList(
                new SchemeInformation(
                        sequence, "证印示范市电子证照中心", "证照互认信任列表 (test)", "CN", now, now.plus(Duration.ofDays(30))),
                List.of(authority));
        SigningKey key = SoftwareKeyCustody.fromKey("trust-list-signer", listSigner.privateKey(), listSigner.chain());
        return new TrustListSigner().sign(list, key, now);
    }

    /**
     * A one-page PDF "licence" with the identifier in its document information (Keywords, LicenceIdentifier), signed
     * PAdES B-T by the other province's seal (approval signature, ETSI.CAdES.detached, signature time-stamp).
     */
    public byte[] padesLicence(LicenceIdentifier identifier) {
        byte[] pdf = TestPdfs.onePage("Business Licence " + identifier + " issued by the other province");
        Instant now = clock.instant();
        try (PDDocument document = Loader.loadPDF(pdf);
                SignatureOptions options = new SignatureOptions()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle("营业执照");
            info.setSubject("营业执照 (Business Licence), 证照类型代码 " + identifier.typeCode());
            info.setKeywords(identifier.toString());
            info.setCustomMetadataValue("LicenceIdentifier", identifier.toString());
            info.setAuthor(AUTHORITY_NAME);
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(COSName.getPDFName("ETSI.CAdES.detached"));
            signature.setName(AUTHORITY_NAME);
            signature.setReason("电子证照签发 (other province)");
            signature.setSignDate(GregorianCalendar.from(now.atZone(ZoneOffset.UTC)));
            options.setPreferredSignatureSize(24 * 1024);
            document.addSignature(signature, options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ExternalSigningSupport external = document.saveIncrementalForExternalSigning(out);
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(external.getContent().readAllBytes());
            external.setSignature(cadesSigner().sign(digest, sealKey()));
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The licence as a Zhengyin-shaped XML {@code LicenceDocument} (namespace urn:zhengyin:licence:1, Id
     * {@code licence-<identifier>}), signed with an enveloped XAdES B-B signature by the other province's seal.
     */
    public byte[] xadesLicence(LicenceIdentifier identifier) {
        String ns = "urn:zhengyin:licence:1";
        Document doc = SecureXml.newDocumentBuilder().newDocument();
        Element root = doc.createElementNS(ns, "LicenceDocument");
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns", ns);
        String id = "licence-" + identifier;
        root.setAttributeNS(null, "Id", id);
        doc.appendChild(root);
        Element metadata = child(root, ns, "Metadata", null);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        child(metadata, ns, "CertificateName", "营业执照");
        child(metadata, ns, "CertificateTypeCode", identifier.typeCode());
        child(metadata, ns, "CertificateTypeName", "营业执照");
        child(metadata, ns, "CertificateNumber", "98010000202612060001");
        child(metadata, ns, "CertificateIdentifier", identifier.toString());
        child(metadata, ns, "CertificateIssuingAuthorityName", AUTHORITY_NAME);
        child(metadata, ns, "CertificateIssuingAuthorityCode", identifier.issuerCode());
        child(metadata, ns, "CertificateIssuedDate", today.toString());
        child(metadata, ns, "CertificateHolderName", "邻省示范市青禾数字科技有限公司");
        child(metadata, ns, "CertificateHolderCode", "91980100MA00XF8K1E");
        child(metadata, ns, "CertificateHolderTypeName", "统一社会信用代码");
        child(metadata, ns, "CertificateHolderTypeCode", "001");
        child(metadata, ns, "CertificateEffectiveDate", today.toString());
        child(metadata, ns, "Version", identifier.versionCode());
        Element fields = child(root, ns, "Fields", null);
        Element name = child(fields, ns, "Field", "邻省示范市青禾数字科技有限公司");
        name.setAttributeNS(null, "key", "name");
        name.setAttributeNS(null, "label", "名称");
        return new XadesEnvelopedSigner().sign(doc, id, sealKey(), clock.instant());
    }

    private SigningKey sealKey() {
        return SoftwareKeyCustody.fromKey("other-province-seal", seal.privateKey(), seal.chain());
    }

    private CadesDigestSigner cadesSigner() {
        SigningKey tsaKey = SoftwareKeyCustody.fromKey("other-province-tsa", tsa.privateKey(), tsa.chain());
        TimestampAuthority authority = new TimestampAuthority(
                tsaKey,
                TimestampAuthority.DEV_POLICY_OID,
                clock,
                () -> BigInteger.valueOf(tsaSerials.getAndIncrement()),
                Duration.ofSeconds(1));
        return new CadesDigestSigner(new InProcessTimestampSource(authority));
    }

    private static Element child(Element parent, String ns, String localName, String text) {
        Element element = parent.getOwnerDocument().createElementNS(ns, localName);
        if (text != null) {
            element.setTextContent(text);
        }
        parent.appendChild(element);
        return element;
    }
}
