package cn.zhengyin.trust.ofd;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.ses.SealSignature;
import cn.zhengyin.trust.ses.SesCodec;
import cn.zhengyin.trust.ses.SesFormatException;
import cn.zhengyin.trust.ses.SesVerificationReport;
import cn.zhengyin.trust.ses.SesVerifier;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.ValidationPolicy;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Verifies the GB/T 38540 electronic seal signatures of an OFD package (GB/T 33190 §18) and returns the same
 * {@link DocumentVerificationReport} as the PDF and XML verifiers; never throws for bad input. Thread-safe.
 *
 * <p>Document checks: the package is a ZIP this reader accepts ({@link OfdPackage}) with OFD.xml, one document and
 * its Document.xml ({@code ofd.package}); the document names a signature list ({@code ofd.signatures}).
 *
 * <p>Per signature: Signature.xml is readable ({@code ofd.signature.file}); the references use SM3
 * ({@code ofd.references.check-method}); every referenced part exists and has the recorded hash
 * ({@code ofd.references.digests}); every part of the package is referenced except this signature's own
 * Signature.xml and SignedValue.dat ({@code ofd.references.coverage}: a part added after sealing, e.g. a second
 * page, fails); the seal in Seal.esl is the one inside the SES_Signature ({@code ofd.seal.match}); the signature's
 * propertyInfo names this Signature.xml ({@code ofd.property-info}); {@code SignatureMethod} is the SES signature's
 * algorithm ({@code ofd.signature-method}); the stamp annotations point at pages of the document
 * ({@code ofd.stamp-annotation}); then every {@link SesVerifier} check of SignedValue.dat over the bytes of
 * Signature.xml (signature value, signer in the seal's cert list, seal, certificate paths and revocation,
 * time-stamp, dataHash).
 */
public final class OfdSignatureVerifier {

    public static final String PACKAGE = "ofd.package";
    public static final String SIGNATURES = "ofd.signatures";
    public static final String SIGNATURE_FILE = "ofd.signature.file";
    public static final String CHECK_METHOD = "ofd.references.check-method";
    public static final String DIGESTS = "ofd.references.digests";
    public static final String COVERAGE = "ofd.references.coverage";
    public static final String SEAL_MATCH = "ofd.seal.match";
    public static final String PROPERTY_INFO = "ofd.property-info";
    public static final String SIGNATURE_METHOD = "ofd.signature-method";
    public static final String STAMP = "ofd.stamp-annotation";

    private final SesVerifier ses;

    public OfdSignatureVerifier(SesVerifier ses) {
        this.ses = ses;
    }

    /** The parts of a package that every verification reads: the document, its pages and its signature list. */
    private record Structure(OfdPackage pkg, String docRoot, Set<String> pageIds, Optional<String> signaturesPath) {}

    public DocumentVerificationReport verify(byte[] ofd, Instant validationTime, ValidationPolicy policy) {
        String sha256 = Digests.sha256Hex(ofd);
        List<CheckResult> documentChecks = new ArrayList<>();
        Structure structure;
        try {
            structure = structure(ofd);
        } catch (OfdFormatException e) {
            documentChecks.add(CheckResult.failed(PACKAGE, e.getMessage()));
            return DocumentVerificationReport.of(
                    validationTime,
                    sha256,
                    List.of(),
                    documentChecks,
                    Optional.of(new DocumentVerificationReport.Verdict(
                            Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE)));
        }
        documentChecks.add(CheckResult.passed(
                PACKAGE,
                "OFD package of " + structure.pkg().names().size() + " parts; document " + structure.docRoot()
                        + " with " + structure.pageIds().size() + " page(s)."));
        if (structure.signaturesPath().isEmpty()) {
            documentChecks.add(CheckResult.failed(
                    SIGNATURES, "OFD.xml names no signature list (DocBody/Signatures): the document is not sealed."));
            return DocumentVerificationReport.of(validationTime, sha256, List.of(), documentChecks, Optional.empty());
        }
        String signaturesPath = structure.signaturesPath().get();
        List<String[]> entries;
        try {
            entries = signatureEntries(structure.pkg(), signaturesPath);
        } catch (OfdFormatException e) {
            documentChecks.add(CheckResult.failed(SIGNATURES, e.getMessage()));
            return DocumentVerificationReport.of(
                    validationTime,
                    sha256,
                    List.of(),
                    documentChecks,
                    Optional.of(new DocumentVerificationReport.Verdict(
                            Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE)));
        }
        documentChecks.add(
                CheckResult.passed(SIGNATURES, signaturesPath + " lists " + entries.size() + " signature(s)."));
        List<SignatureReport> reports = new ArrayList<>();
        for (String[] entry : entries) {
            reports.add(verifySignature(structure, entry[0], entry[1], entry[2], validationTime, policy));
        }
        return DocumentVerificationReport.of(validationTime, sha256, reports, documentChecks, Optional.empty());
    }

    private static Structure structure(byte[] ofd) {
        OfdPackage pkg = OfdPackage.read(ofd);
        Element root = OfdXml.parse(pkg, OfdPackage.ENTRY_FILE).getDocumentElement();
        List<Element> bodies = OfdXml.children(root, "DocBody");
        if (bodies.size() != 1) {
            throw new OfdFormatException(
                    "OFD.xml has " + bodies.size() + " DocBody elements; a licence file holds exactly one document.");
        }
        Element body = bodies.get(0);
        String docRoot = OfdXml.resolve(OfdPackage.ENTRY_FILE, OfdXml.text(body, "DocRoot", "DocBody"));
        Element document = OfdXml.parse(pkg, docRoot).getDocumentElement();
        Set<String> pageIds = new LinkedHashSet<>();
        OfdXml.child(document, "Pages")
                .ifPresent(pages -> OfdXml.children(pages, "Page").forEach(p -> pageIds.add(p.getAttribute("ID"))));
        if (pageIds.isEmpty()) {
            throw new OfdFormatException(docRoot + " lists no pages.");
        }
        Optional<String> signatures = OfdXml.child(body, "Signatures")
                .map(e -> e.getTextContent().strip())
                .filter(s -> !s.isEmpty())
                .map(loc -> OfdXml.resolve(OfdPackage.ENTRY_FILE, loc));
        return new Structure(pkg, docRoot, pageIds, signatures);
    }

    /** @return per signature: id, type, Signature.xml path */
    private static List<String[]> signatureEntries(OfdPackage pkg, String signaturesPath) {
        Element root = OfdXml.parse(pkg, signaturesPath).getDocumentElement();
        List<String[]> entries = new ArrayList<>();
        for (Element e : OfdXml.children(root, "Signature")) {
            String baseLoc = e.getAttribute("BaseLoc").strip();
            if (baseLoc.isEmpty()) {
                throw new OfdFormatException(signaturesPath + " has a Signature without BaseLoc.");
            }
            String type = e.getAttribute("Type").isBlank() ? "Seal" : e.getAttribute("Type");
            entries.add(new String[] {e.getAttribute("ID"), type, OfdXml.resolve(signaturesPath, baseLoc)});
        }
        if (entries.isEmpty()) {
            throw new OfdFormatException(signaturesPath + " lists no signature.");
        }
        return entries;
    }

    /** One OFD-level finding with the verdict its failure gives. */
    private record Finding(CheckResult check, Indication indication, SubIndication sub) {}

    private SignatureReport verifySignature(
            Structure s,
            String id,
            String type,
            String signaturePath,
            Instant validationTime,
            ValidationPolicy policy) {
        String name = "OFD:" + signaturePath;
        List<Finding> findings = new ArrayList<>();
        OfdPackage pkg = s.pkg();
        Element info;
        String signedValuePath;
        try {
            Element root = OfdXml.parse(pkg, signaturePath).getDocumentElement();
            info = OfdXml.child(root, "SignedInfo")
                    .orElseThrow(() -> new OfdFormatException(signaturePath + " has no SignedInfo."));
            signedValuePath = OfdXml.resolve(signaturePath, OfdXml.text(root, "SignedValue", signaturePath));
            if (!"Seal".equals(type)) {
                throw new OfdFormatException("Signature " + id + " is of type '" + type
                        + "'; only electronic seal signatures (Type=\"Seal\", GB/T 38540) are verified.");
            }
        } catch (OfdFormatException e) {
            return failedReport(name, List.of(CheckResult.failed(SIGNATURE_FILE, e.getMessage())));
        }
        byte[] signatureXml = pkg.part(signaturePath).orElseThrow();
        Optional<byte[]> signedValue = pkg.part(signedValuePath);
        if (signedValue.isEmpty()) {
            return failedReport(
                    name,
                    List.of(CheckResult.failed(
                            SIGNATURE_FILE, signaturePath + " names " + signedValuePath + ", which is missing.")));
        }
        findings.add(new Finding(
                CheckResult.passed(
                        SIGNATURE_FILE,
                        "Signature " + id + ": " + signaturePath + ", value in " + signedValuePath + "."),
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE));

        Set<String> referenced = references(pkg, signaturePath, info, findings);
        coverage(pkg, referenced, Set.of(signaturePath, signedValuePath), findings);

        Optional<SealSignature> decoded;
        try {
            decoded = Optional.of(SesCodec.decodeSignature(signedValue.get()));
        } catch (SesFormatException e) {
            decoded = Optional.empty();
        }
        decoded.ifPresent(sig -> {
            sealMatch(pkg, signaturePath, info, sig, findings);
            findings.add(
                    ("/" + signaturePath).equals(sig.toSign().propertyInfo())
                            ? new Finding(
                                    CheckResult.passed(
                                            PROPERTY_INFO,
                                            "propertyInfo names this signature's "
                                                    + sig.toSign().propertyInfo() + "."),
                                    Indication.TOTAL_FAILED,
                                    SubIndication.SIG_CONSTRAINTS_FAILURE)
                            : new Finding(
                                    CheckResult.failed(
                                            PROPERTY_INFO,
                                            "propertyInfo is '" + sig.toSign().propertyInfo() + "', not /"
                                                    + signaturePath + ": the seal signature was made for another"
                                                    + " Signature.xml."),
                                    Indication.TOTAL_FAILED,
                                    SubIndication.SIG_CONSTRAINTS_FAILURE));
            String method = OfdXml.child(info, "SignatureMethod")
                    .map(e -> e.getTextContent().strip())
                    .orElse("");
            findings.add(
                    method.equals(sig.signatureAlgorithm())
                                    || (method.equalsIgnoreCase("SM3withSM2")
                                            && sig.signatureAlgorithm().equals(OfdSealPreparer.SM2_SM3_OID))
                            ? new Finding(
                                    CheckResult.passed(SIGNATURE_METHOD, "SignatureMethod " + method + "."),
                                    Indication.TOTAL_FAILED,
                                    SubIndication.SIG_CONSTRAINTS_FAILURE)
                            : new Finding(
                                    CheckResult.failed(
                                            SIGNATURE_METHOD,
                                            "SignatureMethod '" + method + "' is not the seal signature's algorithm "
                                                    + sig.signatureAlgorithm() + "."),
                                    Indication.TOTAL_FAILED,
                                    SubIndication.SIG_CONSTRAINTS_FAILURE));
        });
        stamps(info, s.pageIds(), findings);

        SesVerificationReport sesReport = ses.verifySignature(signedValue.get(), signatureXml, validationTime, policy);
        List<CheckResult> checks =
                new ArrayList<>(findings.stream().map(Finding::check).toList());
        checks.addAll(sesReport.checks());
        Optional<Finding> failedOfd = findings.stream()
                .filter(f -> f.check().isFailed() && f.indication() == Indication.TOTAL_FAILED)
                .findFirst()
                .or(() -> findings.stream().filter(f -> f.check().isFailed()).findFirst());
        Indication indication;
        SubIndication sub;
        if (failedOfd.isPresent() && failedOfd.get().indication() == Indication.TOTAL_FAILED) {
            indication = Indication.TOTAL_FAILED;
            sub = failedOfd.get().sub();
        } else if (!sesReport.isPassed()) {
            indication = sesReport.indication();
            sub = sesReport.subIndication();
        } else if (failedOfd.isPresent()) {
            indication = failedOfd.get().indication();
            sub = failedOfd.get().sub();
        } else {
            indication = Indication.TOTAL_PASSED;
            sub = SubIndication.NONE;
        }
        boolean whole = checks.stream()
                .filter(c -> c.id().equals(COVERAGE) || c.id().equals(DIGESTS))
                .noneMatch(CheckResult::isFailed);
        Optional<X509Certificate> signer = decoded.flatMap(d -> certificate(d.signerCertificate()));
        return new SignatureReport(
                name,
                indication,
                sub,
                sesReport.signerSubject(),
                signer.map(c -> c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT)),
                sesReport.signingTime(),
                sesReport.timestampTime(),
                whole,
                checks);
    }

    private static Set<String> references(OfdPackage pkg, String signaturePath, Element info, List<Finding> findings) {
        Set<String> referenced = new HashSet<>();
        Optional<Element> refs = OfdXml.children(info, "References").stream().findFirst();
        if (refs.isEmpty()) {
            findings.add(new Finding(
                    CheckResult.failed(DIGESTS, signaturePath + " has no References: it protects nothing."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE));
            return referenced;
        }
        String method = refs.get().getAttribute("CheckMethod").strip();
        boolean sm3 = method.equalsIgnoreCase("SM3") || method.equals("1.2.156.10197.1.401");
        findings.add(new Finding(
                sm3
                        ? CheckResult.passed(CHECK_METHOD, "References are SM3 hashes (" + method + ").")
                        : CheckResult.failed(
                                CHECK_METHOD,
                                "References CheckMethod is '" + method + "'; GB/T 38540 OFD seals protect parts"
                                        + " with SM3."),
                Indication.TOTAL_FAILED,
                SubIndication.SIG_CONSTRAINTS_FAILURE));
        List<String> missing = new ArrayList<>();
        List<String> altered = new ArrayList<>();
        int count = 0;
        for (Element ref : OfdXml.children(refs.get(), "Reference")) {
            count++;
            String path;
            try {
                path = OfdXml.resolve(signaturePath, ref.getAttribute("FileRef").strip());
            } catch (OfdFormatException e) {
                missing.add(ref.getAttribute("FileRef"));
                continue;
            }
            if (!referenced.add(path.toLowerCase(Locale.ROOT))) {
                altered.add("/" + path + " (referenced twice)");
                continue;
            }
            Optional<byte[]> part = pkg.part(path);
            if (part.isEmpty()) {
                missing.add("/" + path);
                continue;
            }
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(OfdXml.text(ref, "CheckValue", "Reference"));
            } catch (IllegalArgumentException | OfdFormatException e) {
                altered.add("/" + path + " (unreadable CheckValue)");
                continue;
            }
            if (!sm3 || !Arrays.equals(expected, Digests.sm3(part.get()))) {
                altered.add("/" + path);
            }
        }
        if (missing.isEmpty() && altered.isEmpty() && count > 0) {
            findings.add(new Finding(
                    CheckResult.passed(DIGESTS, "The SM3 hashes of all " + count + " referenced parts match."),
                    Indication.TOTAL_FAILED,
                    SubIndication.HASH_FAILURE));
        } else {
            findings.add(new Finding(
                    CheckResult.failed(
                            DIGESTS,
                            (count == 0 ? "No part is referenced. " : "")
                                    + (altered.isEmpty() ? "" : "Changed since sealing: " + altered + ". ")
                                    + (missing.isEmpty() ? "" : "Referenced but missing: " + missing + ".")),
                    Indication.TOTAL_FAILED,
                    SubIndication.HASH_FAILURE));
        }
        return referenced;
    }

    private static void coverage(OfdPackage pkg, Set<String> referenced, Set<String> own, List<Finding> findings) {
        List<String> unprotected = pkg.names().stream()
                .filter(n -> !own.contains(n) && !referenced.contains(n.toLowerCase(Locale.ROOT)))
                .map(n -> "/" + n)
                .toList();
        findings.add(
                unprotected.isEmpty()
                        ? new Finding(
                                CheckResult.passed(
                                        COVERAGE,
                                        "Every part of the package is protected by the seal (besides its own"
                                                + " Signature.xml and SignedValue.dat)."),
                                Indication.TOTAL_FAILED,
                                SubIndication.DISALLOWED_CHANGES)
                        : new Finding(
                                CheckResult.failed(
                                        COVERAGE,
                                        "Parts not protected by the seal (added after sealing): " + unprotected + "."),
                                Indication.TOTAL_FAILED,
                                SubIndication.DISALLOWED_CHANGES));
    }

    private static void sealMatch(
            OfdPackage pkg, String signaturePath, Element info, SealSignature sig, List<Finding> findings) {
        Optional<Element> seal = OfdXml.children(info, "Seal").stream().findFirst();
        if (seal.isEmpty()) {
            findings.add(new Finding(
                    CheckResult.warning(
                            SEAL_MATCH, "SignedInfo names no Seal.esl; the seal is read from the" + " signature only."),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE));
            return;
        }
        Optional<byte[]> esl;
        try {
            esl = pkg.part(OfdXml.resolve(signaturePath, OfdXml.text(seal.get(), "BaseLoc", "Seal")));
        } catch (OfdFormatException e) {
            esl = Optional.empty();
        }
        findings.add(
                esl.isPresent() && Arrays.equals(esl.get(), sig.toSign().seal().encoded())
                        ? new Finding(
                                CheckResult.passed(SEAL_MATCH, "Seal.esl is the seal embedded in the seal signature."),
                                Indication.TOTAL_FAILED,
                                SubIndication.SIG_CONSTRAINTS_FAILURE)
                        : new Finding(
                                CheckResult.failed(
                                        SEAL_MATCH,
                                        esl.isEmpty()
                                                ? "The Seal.esl that SignedInfo names is missing."
                                                : "Seal.esl is not the seal embedded in the seal signature."),
                                Indication.TOTAL_FAILED,
                                SubIndication.SIG_CONSTRAINTS_FAILURE));
    }

    private static void stamps(Element info, Set<String> pageIds, List<Finding> findings) {
        List<Element> stamps = OfdXml.children(info, "StampAnnot");
        List<String> bad = stamps.stream()
                .map(e -> e.getAttribute("PageRef"))
                .filter(ref -> !pageIds.contains(ref))
                .toList();
        if (stamps.isEmpty()) {
            findings.add(new Finding(
                    CheckResult.warning(STAMP, "The seal has no stamp annotation: no impression shows on a page."),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE));
        } else if (bad.isEmpty()) {
            findings.add(new Finding(
                    CheckResult.passed(STAMP, stamps.size() + " stamp annotation(s) on pages of the document."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE));
        } else {
            findings.add(new Finding(
                    CheckResult.failed(
                            STAMP, "Stamp annotations point at pages the document does not have: " + bad + "."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE));
        }
    }

    private static SignatureReport failedReport(String name, List<CheckResult> checks) {
        return new SignatureReport(
                name,
                Indication.TOTAL_FAILED,
                SubIndication.FORMAT_FAILURE,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                checks);
    }

    private static Optional<X509Certificate> certificate(byte[] der) {
        try {
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509", Providers.bouncyCastle())
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
