package cn.zhengyin.trust.xml;

import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.DocumentVerificationReport.Verdict;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.RevocationSources;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SignerKeyUsageCheck;
import cn.zhengyin.trust.validation.SourcedChainValidator;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.TrustAnchors;
import cn.zhengyin.trust.validation.ValidationPolicy;
import cn.zhengyin.trust.xml.SignedInfoPolicy.Shape;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Verifies an enveloped XMLDSig/XAdES-B signed XML document, returning a report and never throwing for bad input.
 * Fail closed; every rule is a named check. Thread-safe.
 *
 * <p>Document checks: {@value #DOCUMENT_FORMAT} (hardened parse: DTDs, entities and XInclude are refused, so XXE and
 * entity expansion fail here), {@value #DOCUMENT_SIGNATURES} (exactly one {@code ds:Signature}), {@value #UNIQUE_IDS}
 * (no Id value twice anywhere: the defence against signature wrapping with a duplicated Id), {@value #COVERAGE}
 * (nothing outside the document element). Signature checks, in order: {@value #PLACEMENT} (the signature is a child
 * of the document element), {@value #SIGNED_INFO} ({@link SignedInfoPolicy}), {@value #REFERENCE_TARGETS} (the
 * document reference names the document element's Id, the other names the XAdES SignedProperties of this
 * signature), {@value #SIGNER_CERTIFICATE} (first certificate of KeyInfo/X509Data, only a candidate until the chain
 * check), {@value #REFERENCE_DIGESTS}, {@value #SIGNATURE_VALUE}, {@value #SIGNING_CERTIFICATE}, {@value #KEY_USAGE},
 * {@value #SIGNER_VALIDITY}, {@value #CHAIN}, {@value #REVOCATION}. XAdES-B has no time-stamp, so the certificate is
 * judged at the validation time and the XAdES SigningTime is reported as a claim.
 *
 * <p>Under a policy whose {@link ValidationPolicy#xmlShape()} is {@code ENVELOPED_XMLDSIG} ({@code baseline}), a plain
 * enveloped XMLDSig is accepted too ({@link SignedInfoPolicy#inspectEnveloped}): its one reference is {@code URI=""}
 * or the document element's Id; {@value #SIGNING_CERTIFICATE} is then NOT_CHECKED (no signed properties). Revocation
 * comes from the configured CRLs, then the live source ({@link SourcedChainValidator}); unknown status is
 * INDETERMINATE/TRY_LATER when the policy requires revocation.
 */
public final class XmlSignatureVerifier {

    public static final String DOCUMENT_FORMAT = "document.format";
    public static final String DOCUMENT_SIGNATURES = "document.signatures-present";
    public static final String UNIQUE_IDS = "document.unique-ids";
    public static final String COVERAGE = "document.signature-covers-document";

    public static final String PLACEMENT = "signature.placement";
    public static final String SIGNED_INFO = "signed-info.policy";
    public static final String REFERENCE_TARGETS = "reference.targets";
    public static final String SIGNER_CERTIFICATE = "signer.certificate-found";
    public static final String REFERENCE_DIGESTS = "reference.digests";
    public static final String SIGNATURE_VALUE = "signature-value";
    public static final String SIGNING_CERTIFICATE = "signing-certificate-v2";
    public static final String KEY_USAGE = SignerKeyUsageCheck.ID;
    public static final String SIGNER_VALIDITY = "signer.validity";
    public static final String CHAIN = CertificateChainValidator.CHAIN;
    public static final String REVOCATION = CertificateChainValidator.REVOCATION;

    private static final List<String> SIGNATURE_CHECKS = List.of(
            PLACEMENT,
            SIGNED_INFO,
            REFERENCE_TARGETS,
            SIGNER_CERTIFICATE,
            REFERENCE_DIGESTS,
            SIGNATURE_VALUE,
            SIGNING_CERTIFICATE,
            KEY_USAGE,
            SIGNER_VALIDITY,
            CHAIN,
            REVOCATION);

    private final SourcedChainValidator chains;
    private final ValidationPolicy defaultPolicy;
    private final Clock clock;
    private final int maxDocumentBytes;

    /**
     * @param trustAnchors     trusted roots; configuration, never taken from the document
     * @param crls             CRLs for revocation checking; empty: revocation reported NOT_CHECKED
     * @param revocationPolicy whether missing revocation information blocks TOTAL_PASSED
     * @param clock            gives the validation time
     * @param maxDocumentBytes largest document accepted
     */
    public XmlSignatureVerifier(
            Set<X509Certificate> trustAnchors,
            Collection<X509CRL> crls,
            RevocationPolicy revocationPolicy,
            Clock clock,
            int maxDocumentBytes) {
        this(
                TrustAnchors.of(trustAnchors),
                RevocationSources.offline(crls),
                ValidationPolicy.LICENCE.withRevocation(revocationPolicy),
                clock,
                maxDocumentBytes);
    }

    /**
     * A verifier whose policy is chosen per call ({@link #verify(byte[], ValidationPolicy)}); {@link #verify(byte[])}
     * applies {@link ValidationPolicy#LICENCE}.
     *
     * @param trustAnchors     trusted roots, and CA certificates to build paths with
     * @param revocation       configured CRLs, then the optional live source (the certificates' CRL distribution
     *                         points)
     * @param clock            gives the validation time
     * @param maxDocumentBytes largest document accepted
     */
    public XmlSignatureVerifier(
            TrustAnchors trustAnchors, RevocationSources revocation, Clock clock, int maxDocumentBytes) {
        this(trustAnchors, revocation, ValidationPolicy.LICENCE, clock, maxDocumentBytes);
    }

    private XmlSignatureVerifier(
            TrustAnchors trustAnchors,
            RevocationSources revocation,
            ValidationPolicy defaultPolicy,
            Clock clock,
            int maxDocumentBytes) {
        Santuario.init();
        this.chains = new SourcedChainValidator(trustAnchors, revocation);
        this.defaultPolicy = defaultPolicy;
        this.clock = clock;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** No CRLs, {@link RevocationPolicy#CHECK_IF_AVAILABLE}, {@link SecureXml#DEFAULT_MAX_BYTES}. */
    public XmlSignatureVerifier(Set<X509Certificate> trustAnchors, Clock clock) {
        this(trustAnchors, List.of(), RevocationPolicy.CHECK_IF_AVAILABLE, clock, SecureXml.DEFAULT_MAX_BYTES);
    }

    /** @param xml the document as received; may be anything; verified under the constructor's policy */
    public DocumentVerificationReport verify(byte[] xml) {
        return verify(xml, defaultPolicy);
    }

    /**
     * @param xml    the document as received; may be anything
     * @param policy the validation policy of this call
     */
    public DocumentVerificationReport verify(byte[] xml, ValidationPolicy policy) {
        Instant validationTime = clock.instant();
        byte[] bytes = xml == null ? new byte[0] : xml;
        String sha256 = HexFormat.of().formatHex(XadesEnvelopedSigner.sha256(bytes));
        List<CheckResult> documentChecks = new ArrayList<>();
        Document doc;
        try {
            doc = SecureXml.parse(bytes, maxDocumentBytes);
        } catch (XmlFormatException e) {
            documentChecks.add(CheckResult.failed(DOCUMENT_FORMAT, e.getMessage()));
            return documentFailure(
                    validationTime, sha256, documentChecks, Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE);
        }
        Element root = doc.getDocumentElement();
        documentChecks.add(CheckResult.passed(
                DOCUMENT_FORMAT,
                "Well-formed XML of " + bytes.length + " bytes, document element {" + root.getNamespaceURI() + "}"
                        + root.getLocalName() + "."));
        NodeList signatures = doc.getElementsByTagNameNS(SignedInfoPolicy.XMLDSIG_NS, "Signature");
        if (signatures.getLength() == 0) {
            documentChecks.add(CheckResult.failed(DOCUMENT_SIGNATURES, "The document has no ds:Signature."));
            return documentFailure(
                    validationTime,
                    sha256,
                    documentChecks,
                    Indication.INDETERMINATE,
                    SubIndication.SIGNED_DATA_NOT_FOUND);
        }
        if (signatures.getLength() > 1) {
            documentChecks.add(CheckResult.failed(
                    DOCUMENT_SIGNATURES,
                    "The document has " + signatures.getLength()
                            + " ds:Signature elements; exactly one enveloped signature is expected."));
            return documentFailure(
                    validationTime, sha256, documentChecks, Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE);
        }
        documentChecks.add(CheckResult.passed(DOCUMENT_SIGNATURES, "One ds:Signature."));
        Optional<String> duplicate = IdAttributes.duplicates(doc);
        if (duplicate.isPresent()) {
            documentChecks.add(CheckResult.failed(
                    UNIQUE_IDS,
                    "The Id value '" + duplicate.get() + "' occurs more "
                            + "than once: a reference to it would be ambiguous (signature wrapping)."));
            return documentFailure(
                    validationTime, sha256, documentChecks, Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE);
        }
        documentChecks.add(CheckResult.passed(UNIQUE_IDS, "Every Id value is unique."));
        List<String> outside = new ArrayList<>();
        for (Node n = doc.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n != root) {
                outside.add(n.getNodeName());
            }
        }
        boolean covers = outside.isEmpty();
        documentChecks.add(
                covers
                        ? CheckResult.passed(COVERAGE, "Nothing but the document element.")
                        : CheckResult.failed(
                                COVERAGE, "Nodes outside the document element are not signed: " + outside + "."));
        SignatureReport report = verifySignature((Element) signatures.item(0), root, covers, validationTime, policy);
        return DocumentVerificationReport.of(validationTime, sha256, List.of(report), documentChecks, Optional.empty());
    }

    private static DocumentVerificationReport documentFailure(
            Instant validationTime,
            String sha256,
            List<CheckResult> documentChecks,
            Indication indication,
            SubIndication subIndication) {
        return DocumentVerificationReport.of(
                validationTime, sha256, List.of(), documentChecks, Optional.of(new Verdict(indication, subIndication)));
    }

    /** Collects checks and the verdict of the worst failure (TOTAL_FAILED before INDETERMINATE, then first). */
    private static final class Collector {
        final List<CheckResult> checks = new ArrayList<>();
        Optional<Verdict> verdict = Optional.empty();

        void add(CheckResult check, Indication indication, SubIndication subIndication) {
            checks.add(check);
            if (check.isFailed()) {
                fail(indication, subIndication);
            }
        }

        void fail(Indication indication, SubIndication subIndication) {
            if (verdict.isEmpty()
                    || (indication == Indication.TOTAL_FAILED
                            && verdict.get().indication() != Indication.TOTAL_FAILED)) {
                verdict = Optional.of(new Verdict(indication, subIndication));
            }
        }

        SignatureReport finish(String name, Optional<X509Certificate> cert, Optional<Instant> claimed, boolean covers) {
            for (String id : SIGNATURE_CHECKS) {
                if (checks.stream().noneMatch(c -> c.id().equals(id))) {
                    checks.add(CheckResult.notChecked(id, "Not checked: an earlier check failed."));
                }
            }
            Verdict v = verdict.orElse(new Verdict(Indication.TOTAL_PASSED, SubIndication.NONE));
            return new SignatureReport(
                    name,
                    v.indication(),
                    v.subIndication(),
                    cert.map(x -> x.getSubjectX500Principal().getName()),
                    cert.map(x -> x.getSerialNumber().toString(16)),
                    claimed,
                    Optional.empty(),
                    covers,
                    checks);
        }
    }

    private SignatureReport verifySignature(
            Element signature, Element root, boolean covers, Instant validationTime, ValidationPolicy policy) {
        Collector c = new Collector();
        String name = signature.hasAttributeNS(null, "Id") ? signature.getAttributeNS(null, "Id") : "ds:Signature";
        if (signature.getParentNode() != root) {
            c.add(
                    CheckResult.failed(
                            PLACEMENT,
                            "The ds:Signature is not a child of the document element " + root.getLocalName()
                                    + ": the enveloped signature must sit in the element it signs."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return c.finish(name, Optional.empty(), Optional.empty(), false);
        }
        c.add(CheckResult.passed(PLACEMENT, "Child of the document element."), null, null);

        List<Element> parts = SignedInfoPolicy.elements(signature);
        SignedInfoPolicy.Shape shape;
        try {
            if (parts.isEmpty() || !SignedInfoPolicy.isDsig(parts.get(0), "SignedInfo")) {
                throw new XmlFormatException("The first child of ds:Signature must be ds:SignedInfo.");
            }
            shape = shape(parts.get(0), policy);
        } catch (XmlFormatException e) {
            c.add(
                    CheckResult.failed(SIGNED_INFO, e.getMessage()),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return c.finish(name, Optional.empty(), Optional.empty(), false);
        }
        boolean plain = shape.signedPropertiesReferenceId().isEmpty();
        c.add(
                CheckResult.passed(
                        SIGNED_INFO,
                        "SignedInfo: " + shape.signatureMethod() + ", " + shape.canonicalizationMethod()
                                + (plain
                                        ? ", one enveloped reference to "
                                                + (shape.documentReferenceId().isEmpty()
                                                        ? "the whole document (URI=\"\")"
                                                        : "#" + shape.documentReferenceId())
                                                + " (plain XMLDSig, policy "
                                                + policy.name().id() + ")."
                                        : ", document and SignedProperties references, SHA-256.")),
                null,
                null);

        String rootId = root.getAttributeNS(null, "Id");
        if (plain) {
            return verifyPlain(c, name, signature, parts, root, rootId, shape, covers, validationTime, policy);
        }
        if (rootId.isEmpty() || !rootId.equals(shape.documentReferenceId())) {
            c.add(
                    CheckResult.failed(
                            REFERENCE_TARGETS,
                            "The document reference points at '#"
                                    + shape.documentReferenceId() + "' but the document element's Id is '" + rootId
                                    + "': the "
                                    + "signature does not cover the document element."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return c.finish(name, Optional.empty(), Optional.empty(), false);
        }
        Optional<Element> signedProperties = signedProperties(signature, parts, shape.signedPropertiesReferenceId());
        if (signedProperties.isEmpty()) {
            c.add(
                    CheckResult.failed(
                            REFERENCE_TARGETS,
                            "'#" + shape.signedPropertiesReferenceId() + "' is not the "
                                    + "xades:SignedProperties of this signature's xades:QualifyingProperties (with Target naming "
                                    + "this signature)."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return c.finish(name, Optional.empty(), Optional.empty(), false);
        }
        root.setIdAttributeNS(null, "Id", true);
        signedProperties.get().setIdAttributeNS(null, "Id", true);
        c.add(
                CheckResult.passed(
                        REFERENCE_TARGETS,
                        "The references name the document element (#" + rootId
                                + ") and this signature's SignedProperties."),
                null,
                null);
        Optional<Instant> claimed = signingTime(signedProperties.get());

        List<X509Certificate> keyInfo;
        try {
            keyInfo = keyInfoCertificates(parts);
        } catch (CertificateException | RuntimeException e) {
            keyInfo = List.of();
        }
        if (keyInfo.isEmpty()) {
            c.add(
                    CheckResult.failed(
                            SIGNER_CERTIFICATE,
                            "ds:KeyInfo carries no readable X509Certificate; a bare key " + "is never trusted."),
                    Indication.INDETERMINATE,
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
            return c.finish(name, Optional.empty(), claimed, covers);
        }
        X509Certificate cert = keyInfo.get(0);
        c.add(
                CheckResult.passed(
                        SIGNER_CERTIFICATE,
                        "Candidate signer certificate from KeyInfo: "
                                + cert.getSubjectX500Principal().getName()
                                + " (trusted only if it chains to an anchor)."),
                null,
                null);

        XMLSignature santuario;
        try {
            santuario = new XMLSignature(signature, "", true);
            SignedInfo signedInfo = santuario.getSignedInfo();
            boolean ok = signedInfo.verify(false);
            List<String> failed = new ArrayList<>();
            for (int i = 0; i < signedInfo.getLength(); i++) {
                if (!signedInfo.getVerificationResult(i)) {
                    failed.add(signedInfo.item(i).getURI());
                }
            }
            if (!ok || !failed.isEmpty()) {
                c.add(
                        CheckResult.failed(
                                REFERENCE_DIGESTS,
                                "The SHA-256 digest of " + failed + " does not match: "
                                        + "the signed content was changed."),
                        Indication.TOTAL_FAILED,
                        SubIndication.HASH_FAILURE);
                return c.finish(name, Optional.of(cert), claimed, covers);
            }
        } catch (Exception e) {
            c.add(
                    CheckResult.failed(
                            REFERENCE_DIGESTS, "The references cannot be resolved or digested: " + e.getMessage()),
                    Indication.INDETERMINATE,
                    SubIndication.SIGNED_DATA_NOT_FOUND);
            return c.finish(name, Optional.of(cert), claimed, covers);
        }
        c.add(CheckResult.passed(REFERENCE_DIGESTS, "Both reference digests match."), null, null);

        try {
            if (!santuario.checkSignatureValue(cert.getPublicKey())) {
                c.add(
                        CheckResult.failed(
                                SIGNATURE_VALUE,
                                "The signature value does not verify with the KeyInfo " + "certificate "
                                        + cert.getSubjectX500Principal().getName() + "."),
                        Indication.TOTAL_FAILED,
                        SubIndication.SIG_CRYPTO_FAILURE);
                return c.finish(name, Optional.of(cert), claimed, covers);
            }
        } catch (Exception e) {
            c.add(
                    CheckResult.failed(SIGNATURE_VALUE, "The signature value cannot be verified: " + e.getMessage()),
                    Indication.TOTAL_FAILED,
                    SubIndication.SIG_CRYPTO_FAILURE);
            return c.finish(name, Optional.of(cert), claimed, covers);
        }
        c.add(CheckResult.passed(SIGNATURE_VALUE, shape.signatureMethod() + " signature value verifies."), null, null);

        c.add(
                signingCertificate(signedProperties.get(), cert),
                Indication.INDETERMINATE,
                SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
        certificateChecks(c, cert, keyInfo, validationTime, policy);
        return c.finish(name, Optional.of(cert), claimed, covers);
    }

    private Shape shape(Element signedInfo, ValidationPolicy policy) {
        try {
            return SignedInfoPolicy.inspect(signedInfo);
        } catch (XmlFormatException zhengyin) {
            if (policy.xmlShape() != ValidationPolicy.XmlShape.ENVELOPED_XMLDSIG) {
                throw zhengyin;
            }
            try {
                return SignedInfoPolicy.inspectEnveloped(signedInfo);
            } catch (XmlFormatException plain) {
                throw new XmlFormatException(
                        "Neither Zhengyin's XAdES shape nor a plain enveloped XMLDSig. XAdES: " + zhengyin.getMessage()
                                + " Plain: " + plain.getMessage(),
                        plain);
            }
        }
    }

    /** Key usage, validity at the validation time (no time-stamp in XAdES-B / XMLDSig), chain and revocation. */
    private void certificateChecks(
            Collector c,
            X509Certificate cert,
            List<X509Certificate> keyInfo,
            Instant validationTime,
            ValidationPolicy policy) {
        c.add(SignerKeyUsageCheck.of(cert), Indication.INDETERMINATE, SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        if (cert.getNotBefore().toInstant().isAfter(validationTime)) {
            c.add(
                    CheckResult.failed(
                            SIGNER_VALIDITY,
                            "The signer certificate is valid from "
                                    + cert.getNotBefore().toInstant() + ", after the validation time " + validationTime
                                    + "."),
                    Indication.INDETERMINATE,
                    SubIndication.OUT_OF_BOUNDS_NO_POE);
        } else if (cert.getNotAfter().toInstant().isBefore(validationTime)) {
            c.add(
                    CheckResult.failed(
                            SIGNER_VALIDITY,
                            "The signer certificate expired at "
                                    + cert.getNotAfter().toInstant() + ", before the validation time " + validationTime
                                    + ", and the signature carries no proof of earlier existence."),
                    Indication.INDETERMINATE,
                    SubIndication.OUT_OF_BOUNDS_NO_POE);
        } else {
            c.add(
                    CheckResult.passed(
                            SIGNER_VALIDITY,
                            "The signer certificate is valid at the validation time " + validationTime + "."),
                    null,
                    null);
        }
        var chain = chains.validate(cert, keyInfo.subList(1, keyInfo.size()), validationTime);
        c.add(chain.chain(), Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        c.add(chain.revocation(), Indication.TOTAL_FAILED, SubIndication.REVOKED);
        if (chain.revocation().outcome() == Outcome.NOT_CHECKED
                && chain.chain().outcome() == Outcome.PASSED
                && policy.revocation() == RevocationPolicy.REQUIRE) {
            c.fail(Indication.INDETERMINATE, SubIndication.TRY_LATER);
        }
    }

    /**
     * A plain enveloped XMLDSig (policy {@code baseline}): the one reference covers the whole document
     * ({@code URI=""}) or names the document element's Id; the signer is the first KeyInfo certificate, trusted only
     * through its chain. There are no signed properties, so no signing-certificate reference to check.
     */
    private SignatureReport verifyPlain(
            Collector c,
            String name,
            Element signature,
            List<Element> parts,
            Element root,
            String rootId,
            Shape shape,
            boolean covers,
            Instant validationTime,
            ValidationPolicy policy) {
        if (!shape.documentReferenceId().isEmpty()) {
            if (rootId.isEmpty() || !rootId.equals(shape.documentReferenceId())) {
                c.add(
                        CheckResult.failed(
                                REFERENCE_TARGETS,
                                "The reference points at '#" + shape.documentReferenceId()
                                        + "' but the document element's Id is '" + rootId + "': the signature "
                                        + "does not cover the document element."),
                        Indication.TOTAL_FAILED,
                        SubIndication.FORMAT_FAILURE);
                return c.finish(name, Optional.empty(), Optional.empty(), false);
            }
            root.setIdAttributeNS(null, "Id", true);
        }
        c.add(
                CheckResult.passed(
                        REFERENCE_TARGETS,
                        shape.documentReferenceId().isEmpty()
                                ? "URI=\"\": the reference covers the whole document."
                                : "The reference names the document element (#" + rootId + ")."),
                null,
                null);
        List<X509Certificate> keyInfo;
        try {
            keyInfo = keyInfoCertificates(parts);
        } catch (CertificateException | RuntimeException e) {
            keyInfo = List.of();
        }
        if (keyInfo.isEmpty()) {
            c.add(
                    CheckResult.failed(
                            SIGNER_CERTIFICATE,
                            "ds:KeyInfo carries no readable X509Certificate; a bare key " + "is never trusted."),
                    Indication.INDETERMINATE,
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
            return c.finish(name, Optional.empty(), Optional.empty(), covers);
        }
        X509Certificate cert = keyInfo.get(0);
        c.add(
                CheckResult.passed(
                        SIGNER_CERTIFICATE,
                        "Candidate signer certificate from KeyInfo: "
                                + cert.getSubjectX500Principal().getName()
                                + " (trusted only if it chains to an anchor)."),
                null,
                null);
        try {
            XMLSignature santuario = new XMLSignature(signature, "", true);
            SignedInfo signedInfo = santuario.getSignedInfo();
            if (!signedInfo.verify(false) || !signedInfo.getVerificationResult(0)) {
                c.add(
                        CheckResult.failed(
                                REFERENCE_DIGESTS,
                                "The digest of the document does not match: the signed content was changed."),
                        Indication.TOTAL_FAILED,
                        SubIndication.HASH_FAILURE);
                return c.finish(name, Optional.of(cert), Optional.empty(), covers);
            }
            c.add(CheckResult.passed(REFERENCE_DIGESTS, "The document digest matches."), null, null);
            if (!santuario.checkSignatureValue(cert.getPublicKey())) {
                c.add(
                        CheckResult.failed(
                                SIGNATURE_VALUE,
                                "The signature value does not verify with the KeyInfo certificate "
                                        + cert.getSubjectX500Principal().getName() + "."),
                        Indication.TOTAL_FAILED,
                        SubIndication.SIG_CRYPTO_FAILURE);
                return c.finish(name, Optional.of(cert), Optional.empty(), covers);
            }
        } catch (Exception e) {
            c.add(
                    CheckResult.failed(
                            REFERENCE_DIGESTS, "The reference cannot be resolved or digested: " + e.getMessage()),
                    Indication.INDETERMINATE,
                    SubIndication.SIGNED_DATA_NOT_FOUND);
            return c.finish(name, Optional.of(cert), Optional.empty(), covers);
        }
        c.add(CheckResult.passed(SIGNATURE_VALUE, shape.signatureMethod() + " signature value verifies."), null, null);
        c.add(
                CheckResult.notChecked(
                        SIGNING_CERTIFICATE,
                        "A plain XMLDSig has no signed properties and so no signing-certificate reference; the "
                                + "signer is the KeyInfo certificate whose key verified the signature."),
                null,
                null);
        certificateChecks(c, cert, keyInfo, validationTime, policy);
        return c.finish(name, Optional.of(cert), Optional.empty(), covers);
    }

    /** The SignedProperties with this Id inside this signature's ds:Object/xades:QualifyingProperties. */
    private static Optional<Element> signedProperties(Element signature, List<Element> parts, String id) {
        String target = "#" + signature.getAttributeNS(null, "Id");
        List<Element> found = new ArrayList<>();
        for (Element object : parts) {
            if (!SignedInfoPolicy.isDsig(object, "Object")) {
                continue;
            }
            for (Element qualifying : SignedInfoPolicy.elements(object)) {
                if (!isXades(qualifying, "QualifyingProperties")
                        || !signature.hasAttributeNS(null, "Id")
                        || !target.equals(qualifying.getAttributeNS(null, "Target"))) {
                    continue;
                }
                for (Element properties : SignedInfoPolicy.elements(qualifying)) {
                    if (isXades(properties, "SignedProperties") && id.equals(properties.getAttributeNS(null, "Id"))) {
                        found.add(properties);
                    }
                }
            }
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static List<X509Certificate> keyInfoCertificates(List<Element> parts) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Element keyInfo : parts) {
            if (!SignedInfoPolicy.isDsig(keyInfo, "KeyInfo")) {
                continue;
            }
            for (Element data : SignedInfoPolicy.elements(keyInfo)) {
                if (!SignedInfoPolicy.isDsig(data, "X509Data")) {
                    continue;
                }
                for (Element item : SignedInfoPolicy.elements(data)) {
                    if (SignedInfoPolicy.isDsig(item, "X509Certificate")) {
                        byte[] der = Base64.getMimeDecoder().decode(item.getTextContent());
                        certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                    }
                }
            }
        }
        return certificates;
    }

    private static Optional<Instant> signingTime(Element signedProperties) {
        return child(signedProperties, "SignedSignatureProperties")
                .flatMap(p -> child(p, "SigningTime"))
                .flatMap(t -> {
                    try {
                        return Optional.of(Instant.parse(t.getTextContent().strip()));
                    } catch (DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    /** XAdES SigningCertificateV2 (ETSI EN 319 132-1 §5.2.2): a SHA-256 CertDigest of the signer certificate. */
    private static CheckResult signingCertificate(Element signedProperties, X509Certificate signer) {
        Optional<Element> cert = child(signedProperties, "SignedSignatureProperties")
                .flatMap(p -> child(p, "SigningCertificateV2"))
                .flatMap(p -> child(p, "Cert"));
        if (cert.isEmpty()) {
            return CheckResult.failed(
                    SIGNING_CERTIFICATE,
                    "The signed properties have no "
                            + "SigningCertificateV2/Cert (ETSI EN 319 132-1 §5.2.2 requires it for XAdES-B-B).");
        }
        Optional<Element> digest = child(cert.get(), "CertDigest");
        Optional<Element> method = digest.flatMap(d -> SignedInfoPolicy.elements(d).stream()
                .filter(e -> SignedInfoPolicy.isDsig(e, "DigestMethod"))
                .findFirst());
        Optional<Element> value = digest.flatMap(d -> SignedInfoPolicy.elements(d).stream()
                .filter(e -> SignedInfoPolicy.isDsig(e, "DigestValue"))
                .findFirst());
        if (method.isEmpty()
                || value.isEmpty()
                || !SignedInfoPolicy.SHA256.equals(method.get().getAttribute("Algorithm"))) {
            return CheckResult.failed(
                    SIGNING_CERTIFICATE,
                    "SigningCertificateV2/Cert/CertDigest must hold a SHA-256 " + "DigestMethod and DigestValue.");
        }
        try {
            byte[] expected =
                    Base64.getMimeDecoder().decode(value.get().getTextContent().strip());
            if (!MessageDigest.isEqual(expected, XadesEnvelopedSigner.sha256(signer.getEncoded()))) {
                return CheckResult.failed(
                        SIGNING_CERTIFICATE,
                        "SigningCertificateV2 names another certificate than " + "the KeyInfo signer certificate "
                                + signer.getSubjectX500Principal().getName() + ".");
            }
            Optional<Element> issuerSerial = child(cert.get(), "IssuerSerialV2");
            if (issuerSerial.isPresent()) {
                IssuerSerial is = IssuerSerial.getInstance(Base64.getMimeDecoder()
                        .decode(issuerSerial.get().getTextContent().strip()));
                X500Name issuer =
                        X500Name.getInstance(signer.getIssuerX500Principal().getEncoded());
                boolean nameMatches = is.getIssuer().getNames().length == 1
                        && is.getIssuer().getNames()[0].getTagNo() == GeneralName.directoryName
                        && X500Name.getInstance(is.getIssuer().getNames()[0].getName())
                                .equals(issuer);
                if (!nameMatches || !is.getSerial().getValue().equals(signer.getSerialNumber())) {
                    return CheckResult.failed(
                            SIGNING_CERTIFICATE,
                            "SigningCertificateV2 IssuerSerialV2 does not name "
                                    + "the signer certificate's issuer and serial number.");
                }
            }
            return CheckResult.passed(
                    SIGNING_CERTIFICATE, "SigningCertificateV2 (SHA-256) matches the signer " + "certificate.");
        } catch (Exception e) {
            return CheckResult.failed(SIGNING_CERTIFICATE, "SigningCertificateV2 cannot be read: " + e.getMessage());
        }
    }

    private static Optional<Element> child(Element parent, String xadesLocalName) {
        return SignedInfoPolicy.elements(parent).stream()
                .filter(e -> isXades(e, xadesLocalName))
                .findFirst();
    }

    private static boolean isXades(Element element, String localName) {
        return SignedInfoPolicy.XADES_NS.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }
}
