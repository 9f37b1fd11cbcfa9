package cn.zhengyin.trust.ofd;

import cn.zhengyin.trust.ChinaTime;
import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.xml.SecureXml;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * First phase of sealing an OFD with a GB/T 38540 electronic seal signature (电子签章, GB/T 33190 §18): adds to the
 * package the signature list {@code Doc_0/Signs/Signatures.xml} (named by OFD.xml's {@code DocBody/Signatures}), the
 * seal {@code Doc_0/Signs/Sign_0/Seal.esl} and the signature description {@code Sign_0/Signature.xml}, whose
 * {@code SignedInfo/References} hold the SM3 hash of every other part — OFD.xml, the document, its pages and
 * resources, Signatures.xml and Seal.esl — so the whole package is protected and no later part or signature can be
 * added unnoticed. What is signed is Signature.xml: its SM3 hash is the SES {@code TBS_Sign.dataHash} and its path
 * the {@code propertyInfo}; that hash is all that needs to travel to the holder of the seal's key.
 * {@link OfdSignaturePreparation#complete(byte[])} then adds the SES_Signature as {@code SignedValue.dat}.
 * Stateless and thread-safe.
 */
public final class OfdSealPreparer {

    public static final String SM3 = "SM3";
    public static final String SM2_SM3_OID = "1.2.156.10197.1.501";
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ChinaTime.ZONE);

    private final String providerName;
    private final String providerVersion;

    /** @param providerName the signing software named in {@code SignedInfo/Provider} */
    public OfdSealPreparer(String providerName, String providerVersion) {
        this.providerName = providerName;
        this.providerVersion = providerVersion;
    }

    /**
     * Where the seal impression shows: a {@code StampAnnot} on a page, in millimetres from the page's top-left corner.
     *
     * @param pageIndex 0 for the first page
     * @param clip      the part of the impression shown ({@code Clip}, relative to the boundary's top-left corner), e.g.
     *                  one strip of a cross-page seal (骑缝章); empty shows all of it
     */
    public record Stamp(int pageIndex, double xMm, double yMm, double widthMm, double heightMm, Optional<Clip> clip) {
        public Stamp(int pageIndex, double xMm, double yMm, double widthMm, double heightMm) {
            this(pageIndex, xMm, yMm, widthMm, heightMm, Optional.empty());
        }
    }

    /** A box in millimetres from the top-left corner of a stamp's boundary. */
    public record Clip(double xMm, double yMm, double widthMm, double heightMm) {}

    /**
     * @param ofd         an unsigned OFD package
     * @param sealDer     the seal's DER SESeal (v4), stored as Seal.esl; the signature must embed the same seal
     * @param stamps      where the impression shows (may be empty: an invisible seal)
     * @param signingTime written as {@code SignatureDateTime} (China time)
     * @throws OfdFormatException if the package is not an OFD, or is signed already
     */
    public OfdSignaturePreparation prepare(byte[] ofd, byte[] sealDer, List<Stamp> stamps, Instant signingTime) {
        OfdPackage pkg = OfdPackage.read(ofd);
        Document ofdXml = OfdXml.parse(pkg, OfdPackage.ENTRY_FILE);
        List<Element> bodies = OfdXml.children(ofdXml.getDocumentElement(), "DocBody");
        if (bodies.size() != 1) {
            throw new OfdFormatException("OFD.xml has " + bodies.size() + " DocBody elements; a licence has one.");
        }
        Element body = bodies.get(0);
        if (OfdXml.child(body, "Signatures").isPresent()) {
            throw new OfdFormatException("The document is signed already; a licence OFD carries one seal.");
        }
        String docRoot = OfdXml.resolve(OfdPackage.ENTRY_FILE, OfdXml.text(body, "DocRoot", "DocBody"));
        String docDir = docRoot.contains("/") ? docRoot.substring(0, docRoot.lastIndexOf('/')) : "";
        String signs = (docDir.isEmpty() ? "" : docDir + "/") + "Signs";
        String signaturesPath = signs + "/Signatures.xml";
        String signDir = signs + "/Sign_0";
        String signaturePath = signDir + "/Signature.xml";
        String sealPath = signDir + "/Seal.esl";
        String signedValuePath = signDir + "/SignedValue.dat";
        for (String p : List.of(signaturesPath, signaturePath, sealPath, signedValuePath)) {
            if (pkg.part(p).isPresent()) {
                throw new OfdFormatException("The package already has " + p + ".");
            }
        }
        List<String> pageIds = pageIds(pkg, docRoot);

        Element signaturesRef = ofdXml.createElementNS(OfdXml.NS, "ofd:Signatures");
        signaturesRef.setTextContent("/" + signaturesPath);
        body.appendChild(signaturesRef);
        pkg = pkg.with(OfdPackage.ENTRY_FILE, SecureXml.serialize(ofdXml))
                .with(signaturesPath, signaturesXml(signaturePath))
                .with(sealPath, sealDer);

        Document sig = newDocument();
        Element root = element(sig, sig, "Signature");
        Element info = element(sig, root, "SignedInfo");
        Element provider = element(sig, info, "Provider");
        provider.setAttribute("ProviderName", providerName);
        provider.setAttribute("Version", providerVersion);
        element(sig, info, "SignatureMethod").setTextContent(SM2_SM3_OID);
        element(sig, info, "SignatureDateTime").setTextContent(DATE_TIME.format(signingTime));
        Element references = element(sig, info, "References");
        references.setAttribute("CheckMethod", SM3);
        for (Map.Entry<String, byte[]> part : pkg.parts().entrySet()) {
            Element reference = element(sig, references, "Reference");
            reference.setAttribute("FileRef", "/" + part.getKey());
            element(sig, reference, "CheckValue")
                    .setTextContent(Base64.getEncoder().encodeToString(Digests.sm3(part.getValue())));
        }
        int id = 1;
        for (Stamp stamp : stamps) {
            if (stamp.pageIndex() < 0 || stamp.pageIndex() >= pageIds.size()) {
                throw new OfdFormatException("Stamp on page index " + stamp.pageIndex() + " but the document has "
                        + pageIds.size() + " page(s).");
            }
            Element annot = element(sig, info, "StampAnnot");
            annot.setAttribute("ID", Integer.toString(id++));
            annot.setAttribute("PageRef", pageIds.get(stamp.pageIndex()));
            annot.setAttribute(
                    "Boundary",
                    number(stamp.xMm()) + " " + number(stamp.yMm()) + " " + number(stamp.widthMm()) + " "
                            + number(stamp.heightMm()));
            stamp.clip()
                    .ifPresent(c -> annot.setAttribute(
                            "Clip",
                            number(c.xMm()) + " " + number(c.yMm()) + " " + number(c.widthMm()) + " "
                                    + number(c.heightMm())));
        }
        Element seal = element(sig, info, "Seal");
        element(sig, seal, "BaseLoc").setTextContent("/" + sealPath);
        element(sig, root, "SignedValue").setTextContent("/" + signedValuePath);
        byte[] signatureXml = SecureXml.serialize(sig);
        return new OfdSignaturePreparation(
                pkg.with(signaturePath, signatureXml), signaturePath, signedValuePath, signatureXml, sealDer);
    }

    private static List<String> pageIds(OfdPackage pkg, String docRoot) {
        Element document = OfdXml.parse(pkg, docRoot).getDocumentElement();
        List<String> ids = new ArrayList<>();
        OfdXml.child(document, "Pages")
                .ifPresent(pages -> OfdXml.children(pages, "Page").forEach(p -> ids.add(p.getAttribute("ID"))));
        if (ids.isEmpty() || ids.stream().anyMatch(String::isBlank)) {
            throw new OfdFormatException(docRoot + " lists no pages, or a page without an ID.");
        }
        return ids;
    }

    private static byte[] signaturesXml(String signaturePath) {
        Document doc = newDocument();
        Element root = element(doc, doc, "Signatures");
        element(doc, root, "MaxSignId").setTextContent("1");
        Element signature = element(doc, root, "Signature");
        signature.setAttribute("ID", "1");
        signature.setAttribute("Type", "Seal");
        signature.setAttribute("BaseLoc", "/" + signaturePath);
        return SecureXml.serialize(doc);
    }

    private static Document newDocument() {
        return SecureXml.newDocumentBuilder().newDocument();
    }

    private static Element element(Document doc, org.w3c.dom.Node parent, String name) {
        Element e = doc.createElementNS(OfdXml.NS, "ofd:" + name);
        parent.appendChild(e);
        return e;
    }

    static String number(double value) {
        String s = String.format(Locale.ROOT, "%.3f", value);
        s = s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
        return s.equals("-0") ? "0" : s;
    }
}
