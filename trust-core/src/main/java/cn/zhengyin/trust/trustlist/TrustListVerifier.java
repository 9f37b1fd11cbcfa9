package cn.zhengyin.trust.trustlist;

import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.trustlist.TrustListException.Reason;
import cn.zhengyin.trust.xml.SecureXml;
import cn.zhengyin.trust.xml.SignedInfoPolicy;
import cn.zhengyin.trust.xml.XmlFormatException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks a trust list before anything in it is believed, failing closed:
 * <ol>
 *   <li>well-formed, hardened XML ({@link SecureXml}), at most {@value #MAX_LIST_BYTES} bytes;</li>
 *   <li>exactly one {@code ds:Signature}, the last child of the document element, whose SignedInfo has the one
 *       allowed shape ({@link SignedInfoPolicy}: document reference {@code #trust-list} with enveloped-signature,
 *       XAdES SignedProperties of this signature, SHA-256, ECDSA/RSA); no Id value used twice (no wrapping);</li>
 *   <li>the reference digests and the signature value verify with the KeyInfo certificate;</li>
 *   <li>that certificate is a pinned list signer, or chains to a list-signer anchor, and is valid now;</li>
 *   <li>the content parses strictly ({@link TrustListXml});</li>
 *   <li>now is before NextUpdate (a stale list fails) and not before ListIssueDateTime minus {@link #CLOCK_SKEW};</li>
 *   <li>the sequence number is not lower than the last one accepted (rollback).</li>
 * </ol>
 * Thread-safe.
 */
public final class TrustListVerifier {
    public static final int MAX_LIST_BYTES = 4 * 1024 * 1024;
    /** How far a list's issue time may lie in the future of the verifier's clock. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    static final String DSIG = SignedInfoPolicy.XMLDSIG_NS;

    private final ListSignerTrust signerTrust;
    private final Clock clock;

    public TrustListVerifier(ListSignerTrust signerTrust, Clock clock) {
        this.signerTrust = Objects.requireNonNull(signerTrust, "signerTrust");
        this.clock = Objects.requireNonNull(clock, "clock");
        org.apache.xml.security.Init.init();
    }

    /** Verifies without rollback protection (no list accepted before). */
    public VerifiedTrustList verify(byte[] xml) {
        return verify(xml, OptionalLong.empty());
    }

    /**
     * @param lastAcceptedSequence the sequence number of the list accepted before, if any
     * @throws TrustListException with the {@link Reason} of the first check that fails
     */
    public VerifiedTrustList verify(byte[] xml, OptionalLong lastAcceptedSequence) {
        Instant now = clock.instant();
        Document doc;
        try {
            doc = SecureXml.parse(xml, MAX_LIST_BYTES);
        } catch (XmlFormatException e) {
            throw new TrustListException(
                    Reason.MALFORMED, "The trust list is not acceptable XML: " + e.getMessage(), e);
        }
        List<X509Certificate> keyInfo = checkSignature(doc);
        X509Certificate signer = keyInfo.getFirst();
        checkSigner(keyInfo, now);
        TrustList list = TrustListXml.read(doc);
        SchemeInformation scheme = list.scheme();
        if (!now.isBefore(scheme.nextUpdate())) {
            throw new TrustListException(
                    Reason.STALE,
                    "The trust list (sequence " + scheme.sequenceNumber() + ", issued " + scheme.issued()
                            + ") was due for replacement at " + scheme.nextUpdate() + "; it is stale at " + now
                            + " and is not used (fetch the current list from its operator "
                            + scheme.operatorName() + ").");
        }
        if (scheme.issued().isAfter(now.plus(CLOCK_SKEW))) {
            throw new TrustListException(
                    Reason.STALE,
                    "The trust list claims to be issued at " + scheme.issued() + ", after now (" + now
                            + "); check the clocks.");
        }
        if (lastAcceptedSequence.isPresent() && scheme.sequenceNumber() < lastAcceptedSequence.getAsLong()) {
            throw new TrustListException(
                    Reason.ROLLBACK,
                    "The trust list has sequence number " + scheme.sequenceNumber()
                            + ", lower than the list already accepted (" + lastAcceptedSequence.getAsLong()
                            + "): an older list is refused (rollback protection).");
        }
        return new VerifiedTrustList(list, signer, now, sha256Hex(xml));
    }

    /** @return the KeyInfo certificates, the verified signer first */
    private List<X509Certificate> checkSignature(Document doc) {
        Element root = doc.getDocumentElement();
        NodeList signatures = doc.getElementsByTagNameNS(DSIG, "Signature");
        if (signatures.getLength() == 0) {
            throw new TrustListException(
                    Reason.UNSIGNED, "The trust list is not signed (no ds:Signature); an unsigned list is never used.");
        }
        if (signatures.getLength() > 1) {
            throw invalid("it holds " + signatures.getLength() + " ds:Signature elements; exactly one is allowed");
        }
        Element signature = (Element) signatures.item(0);
        if (signature.getParentNode() != root || lastElementChild(root) != signature) {
            throw invalid("the ds:Signature must be the last child of the document element");
        }
        String rootId = root.getAttributeNS(null, "Id");
        if (!TrustListXml.ROOT_ID.equals(rootId)) {
            throw invalid("the document element's Id is '" + rootId + "', not '" + TrustListXml.ROOT_ID + "'");
        }
        duplicateId(root).ifPresent(dup -> {
            throw invalid("the Id '" + dup + "' occurs more than once (signature wrapping)");
        });
        List<Element> parts = elements(signature);
        SignedInfoPolicy.Shape shape;
        try {
            if (parts.isEmpty() || !isDsig(parts.getFirst(), "SignedInfo")) {
                throw new XmlFormatException("the first child of ds:Signature must be ds:SignedInfo");
            }
            shape = SignedInfoPolicy.inspect(parts.getFirst());
        } catch (XmlFormatException e) {
            throw invalid(e.getMessage());
        }
        if (!TrustListXml.ROOT_ID.equals(shape.documentReferenceId())) {
            throw invalid("the document reference points at #" + shape.documentReferenceId() + ", not at the list #"
                    + TrustListXml.ROOT_ID);
        }
        Element signedProperties = signedProperties(signature, shape.signedPropertiesReferenceId())
                .orElseThrow(() -> invalid("#" + shape.signedPropertiesReferenceId()
                        + " is not the xades:SignedProperties inside this signature"));
        root.setIdAttributeNS(null, "Id", true);
        signedProperties.setIdAttributeNS(null, "Id", true);
        List<X509Certificate> keyInfo = keyInfoCertificates(signature);
        if (keyInfo.isEmpty()) {
            throw invalid("ds:KeyInfo carries no X509Certificate");
        }
        X509Certificate signer = keyInfo.getFirst();
        try {
            XMLSignature santuario = new XMLSignature(signature, "", true);
            SignedInfo signedInfo = santuario.getSignedInfo();
            if (!signedInfo.verify(false)) {
                throw invalid("a reference digest does not match: the list was changed after signing");
            }
            if (!santuario.checkSignatureValue(signer.getPublicKey())) {
                throw invalid("the signature value does not verify with the KeyInfo certificate "
                        + signer.getSubjectX500Principal().getName());
            }
        } catch (TrustListException e) {
            throw e;
        } catch (Exception e) {
            throw invalid("it cannot be checked: " + e.getMessage());
        }
        return keyInfo;
    }

    private void checkSigner(List<X509Certificate> keyInfo, Instant now) {
        X509Certificate signer = keyInfo.getFirst();
        String subject = signer.getSubjectX500Principal().getName();
        switch (signerTrust) {
            case ListSignerTrust.Pinned pinned -> {
                if (!pinned.certificates().contains(signer)) {
                    throw new TrustListException(
                            Reason.SIGNER_NOT_TRUSTED,
                            "The trust list is signed by " + subject + ", which is not the configured list signer ("
                                    + pinned.certificates().stream()
                                            .map(c ->
                                                    c.getSubjectX500Principal().getName())
                                            .collect(Collectors.joining("; "))
                                    + ").");
                }
                if (now.isBefore(signer.getNotBefore().toInstant())
                        || now.isAfter(signer.getNotAfter().toInstant())) {
                    throw new TrustListException(
                            Reason.SIGNER_NOT_TRUSTED,
                            "The list signer's certificate " + subject + " is valid from "
                                    + signer.getNotBefore().toInstant() + " to "
                                    + signer.getNotAfter().toInstant()
                                    + ", not at " + now + ".");
                }
            }
            case ListSignerTrust.Anchored anchored -> chain(keyInfo, anchored, now);
        }
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !(usage[0] || usage[1])) {
            throw new TrustListException(
                    Reason.SIGNER_NOT_TRUSTED,
                    "The list signer's certificate " + subject + " allows neither digitalSignature nor "
                            + "nonRepudiation.");
        }
    }

    private void chain(List<X509Certificate> keyInfo, ListSignerTrust.Anchored anchored, Instant now) {
        X509Certificate signer = keyInfo.getFirst();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", Providers.bouncyCastle());
            // the signer, then the KeyInfo intermediates in order; anchors and self-signed roots are not part of a
            // PKIX certification path
            List<X509Certificate> path = new ArrayList<>();
            path.add(signer);
            for (X509Certificate certificate : keyInfo.subList(1, keyInfo.size())) {
                boolean selfSigned = certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
                if (!selfSigned && !anchored.anchors().contains(certificate)) {
                    path.add(certificate);
                }
            }
            CertPath certPath = factory.generateCertPath(path);
            Set<TrustAnchor> anchors = new HashSet<>();
            anchored.anchors().forEach(a -> anchors.add(new TrustAnchor(a, null)));
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX", Providers.bouncyCastle()).validate(certPath, parameters);
        } catch (GeneralSecurityException e) {
            throw new TrustListException(
                    Reason.SIGNER_NOT_TRUSTED,
                    "The trust list's signer "
                            + signer.getSubjectX500Principal().getName()
                            + " does not chain to a configured list-signer anchor at " + now + ": " + e.getMessage(),
                    e);
        }
    }

    private static Optional<Element> signedProperties(Element signature, String id) {
        for (Element object : elements(signature)) {
            if (!isDsig(object, "Object")) {
                continue;
            }
            for (Element qualifying : elements(object)) {
                if (!isXades(qualifying, "QualifyingProperties")) {
                    continue;
                }
                for (Element properties : elements(qualifying)) {
                    if (isXades(properties, "SignedProperties") && id.equals(properties.getAttributeNS(null, "Id"))) {
                        return Optional.of(properties);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isXades(Element element, String localName) {
        return SignedInfoPolicy.XADES_NS.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static List<X509Certificate> keyInfoCertificates(Element signature) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element keyInfo : elements(signature)) {
            if (!isDsig(keyInfo, "KeyInfo")) {
                continue;
            }
            for (Element data : elements(keyInfo)) {
                if (!isDsig(data, "X509Data")) {
                    continue;
                }
                for (Element certificate : elements(data)) {
                    if (isDsig(certificate, "X509Certificate")) {
                        try {
                            byte[] der = Base64.getMimeDecoder()
                                    .decode(certificate.getTextContent().strip());
                            certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                                    .generateCertificate(new ByteArrayInputStream(der)));
                        } catch (GeneralSecurityException | IllegalArgumentException e) {
                            throw invalid("a KeyInfo X509Certificate cannot be read: " + e.getMessage());
                        }
                    }
                }
            }
        }
        return certificates;
    }

    private static List<Element> elements(Node parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                list.add(e);
            }
        }
        return list;
    }

    private static boolean isDsig(Element element, String localName) {
        return DSIG.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static Element lastElementChild(Element parent) {
        Element last = null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                last = e;
            }
        }
        return last;
    }

    private static Optional<String> duplicateId(Element root) {
        Set<String> seen = new HashSet<>();
        List<Element> stack = new ArrayList<>();
        stack.add(root);
        while (!stack.isEmpty()) {
            Element element = stack.removeLast();
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attr = (Attr) attributes.item(i);
                String name = attr.getLocalName() != null ? attr.getLocalName() : attr.getName();
                if (name.equalsIgnoreCase("id") && !seen.add(attr.getValue())) {
                    return Optional.of(attr.getValue());
                }
            }
            stack.addAll(elements(element));
        }
        return Optional.empty();
    }

    private static TrustListException invalid(String why) {
        return new TrustListException(
                Reason.SIGNATURE_INVALID, "The trust list's signature is not valid: " + why + ".");
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JRE", e);
        }
    }
}
