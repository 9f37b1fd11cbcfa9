package cn.zhengyin.trust.pdf;

import cn.zhengyin.trust.crypto.Digests;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.timestamp.TimestampVerification;
import cn.zhengyin.trust.timestamp.TimestampVerifier;
import cn.zhengyin.trust.validation.CertificateChainValidator;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.CmsCertificates;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.DocumentVerificationReport.Verdict;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.Outcome;
import cn.zhengyin.trust.validation.RevocationPolicy;
import cn.zhengyin.trust.validation.RevocationSource;
import cn.zhengyin.trust.validation.RevocationSources;
import cn.zhengyin.trust.validation.SignatureReport;
import cn.zhengyin.trust.validation.SignerKeyUsageCheck;
import cn.zhengyin.trust.validation.SigningCertificateReference;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.TrustAnchors;
import cn.zhengyin.trust.validation.ValidationPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Verifies every signature of a PDF (PAdES baseline B-T, ETSI EN 319 142-1; validation per ETSI EN 319 102-1) and
 * the file as a whole, returning a report, never throwing for bad input. Memory is bounded: files above the
 * configured size are rejected and PDFBox's stream cache is limited to the same size. Thread-safe.
 *
 * <p>Per signature, in report order: {@value #BYTE_RANGE}, {@value #CERTIFICATION},
 * {@value #CHANGES_AFTER_SIGNATURE}, {@value #SUB_FILTER}, {@value #CMS_STRUCTURE},
 * {@value #SIGNER_CERTIFICATE}, {@value #MESSAGE_DIGEST}, {@value #SIGNATURE_VALUE}, {@value #SIGNING_CERTIFICATE},
 * {@value #KEY_USAGE}, {@value #SIGNER_VALIDITY}, {@value #CHAIN}, {@value #REVOCATION}, then
 * {@value #TIMESTAMP_PRESENT} and the {@code timestamp.*} checks of {@link TimestampVerifier}. The signer certificate
 * and its chain are judged at the time-stamp's genTime when the time-stamp is valid (the proof of existence), else
 * at the validation time.
 *
 * <p>Long-term validation (PAdES B-LT): the file's Document Security Store ({@link EmbeddedValidationData}) supplies
 * intermediate certificates and the CRLs revocation is decided from first ({@value #REVOCATION_EMBEDDED}); the
 * configured CRLs and the optional live {@link RevocationSource} are used only when the embedded ones do not decide.
 * Document check {@value #LTV_DSS_PRESENT} reports the DSS.
 *
 * <p>Validation policy ({@link ValidationPolicy}, per call): whether a signature time-stamp is required (licence:
 * yes; baseline: B-B is enough and the certificate is judged at the validation time), whether unknown revocation
 * status fails (INDETERMINATE/TRY_LATER), and which unsigned revisions may follow the last signature (licence: only
 * validation data; baseline: what the DocMDP level allows, reported as a WARNING of
 * {@value #DOCUMENT_COVERAGE}).
 *
 * <p>Later revisions are described one by one ({@link PdfLaterRevisions}): a revision made only of /DSS objects and
 * document time-stamps is validation data and leaves an earlier signature covering the document; bytes after the
 * last {@code %%EOF}, or an {@code %%EOF} section without a cross-reference section, are
 * {@value #DOCUMENT_TRAILING_DATA}: TOTAL_FAILED/FORMAT_FAILURE under every policy.
 *
 * <p>Document time-stamps ({@code /Type /DocTimeStamp}, SubFilter {@value #SUB_FILTER_RFC3161}; ETSI EN 319 142-1
 * §5.4.3) are reported like signatures, with the checks {@value #BYTE_RANGE}, the revision checks,
 * {@value #SUB_FILTER}, {@value #DOC_TIMESTAMP_TOKEN} and the {@code timestamp.*} checks of {@link TimestampVerifier}
 * over exactly the bytes their ByteRange covers; an imprint mismatch is TOTAL_FAILED/HASH_FAILURE. A document with
 * time-stamps but no signature is INDETERMINATE/SIGNED_DATA_NOT_FOUND.
 *
 * <p>Every revision is accounted for: each signature's ByteRange must cover its revision (the file up to an
 * {@code %%EOF}) except exactly its own {@code /Contents}, located in the raw bytes of its own signature dictionary;
 * what later revisions changed is compared object by object with the signed revision ({@link PdfRevisionAnalyser})
 * and judged by the document's certification level ({@link PdfRevisionChecks}). Malformed input (truncated, broken
 * cross-reference, deep nesting, compression bombs, random bytes) yields a FORMAT_FAILURE report; streams are never
 * decoded, only hashed raw.
 */
public final class PdfSignatureVerifier {

    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 64L * 1024 * 1024;

    public static final String DOCUMENT_FORMAT = "document.format";
    public static final String DOCUMENT_SIGNATURES = "document.signatures-present";
    public static final String DOCUMENT_COVERAGE = "document.last-signature-covers-file";
    public static final String LTV_DSS_PRESENT = "ltv.dss-present";
    public static final String DOCUMENT_REVISIONS = "document.revisions";
    /** Bytes after the last {@code %%EOF} that are not a revision: TOTAL_FAILED / FORMAT_FAILURE. */
    public static final String DOCUMENT_TRAILING_DATA = "document.trailing-data";

    public static final String BYTE_RANGE = "byte-range";
    /** DocMDP: a certification signature is first and alone, with P 1, 2 or 3 (see {@link PdfRevisionChecks}). */
    public static final String CERTIFICATION = PdfRevisionChecks.CERTIFICATION;
    /** What later revisions changed is allowed for this signature (see {@link PdfRevisionChecks}). */
    public static final String CHANGES_AFTER_SIGNATURE = PdfRevisionChecks.CHANGES_AFTER_SIGNATURE;

    public static final String SUB_FILTER = "sub-filter";
    public static final String CMS_STRUCTURE = "cms.structure";
    public static final String SIGNER_CERTIFICATE = "signer.certificate-found";
    public static final String MESSAGE_DIGEST = "message-digest";
    public static final String SIGNATURE_VALUE = "signature-value";
    public static final String SIGNING_CERTIFICATE = "signing-certificate-v2";
    public static final String KEY_USAGE = SignerKeyUsageCheck.ID;
    public static final String SIGNER_VALIDITY = "signer.validity-at-signing-time";
    public static final String CHAIN = CertificateChainValidator.CHAIN;
    public static final String REVOCATION = CertificateChainValidator.REVOCATION;
    public static final String REVOCATION_EMBEDDED = EmbeddedFirstRevocation.EMBEDDED;
    public static final String TIMESTAMP_PRESENT = "timestamp.present";
    /** A document time-stamp's {@code /Contents} is one RFC 3161 TimeStampToken (ETSI EN 319 142-1 §5.4.3). */
    public static final String DOC_TIMESTAMP_TOKEN = "doc-timestamp.token";
    /** The SubFilter of a document time-stamp (ETSI EN 319 142-1 §5.4.3). */
    public static final String SUB_FILTER_RFC3161 = "ETSI.RFC3161";

    private static final List<String> SIGNATURE_CHECKS = List.of(
            BYTE_RANGE,
            CERTIFICATION,
            CHANGES_AFTER_SIGNATURE,
            SUB_FILTER,
            CMS_STRUCTURE,
            SIGNER_CERTIFICATE,
            MESSAGE_DIGEST,
            SIGNATURE_VALUE,
            SIGNING_CERTIFICATE,
            KEY_USAGE,
            SIGNER_VALIDITY,
            CHAIN,
            REVOCATION,
            REVOCATION_EMBEDDED,
            TIMESTAMP_PRESENT);

    private static final List<String> DOC_TIMESTAMP_CHECKS = List.of(
            BYTE_RANGE,
            CERTIFICATION,
            CHANGES_AFTER_SIGNATURE,
            SUB_FILTER,
            DOC_TIMESTAMP_TOKEN,
            TimestampVerifier.TSA_CERTIFICATE,
            TimestampVerifier.TSA_KEY_USAGE,
            TimestampVerifier.SIGNING_CERTIFICATE,
            TimestampVerifier.SIGNATURE,
            TimestampVerifier.IMPRINT,
            TimestampVerifier.CHAIN,
            TimestampVerifier.REVOCATION);

    private final Set<X509Certificate> trustAnchors;
    private final EmbeddedFirstRevocation revocation;
    private final List<X509Certificate> intermediates;
    private final ValidationPolicy defaultPolicy;
    private final Clock clock;
    private final long maxDocumentBytes;

    /**
     * @param trustAnchors     trusted roots for signer and TSA certificates
     * @param crls             CRLs for revocation checking; empty: revocation reported NOT_CHECKED
     * @param revocationPolicy whether missing revocation information blocks TOTAL_PASSED
     * @param clock            gives the validation time
     * @param maxDocumentBytes largest file accepted (see {@link #DEFAULT_MAX_DOCUMENT_BYTES})
     */
    public PdfSignatureVerifier(
            Set<X509Certificate> trustAnchors,
            Collection<X509CRL> crls,
            RevocationPolicy revocationPolicy,
            Clock clock,
            long maxDocumentBytes) {
        this(trustAnchors, crls, Optional.empty(), revocationPolicy, clock, maxDocumentBytes);
    }

    /**
     * @param trustAnchors     trusted roots for signer and TSA certificates
     * @param crls             CRLs used when the file's embedded ones do not decide revocation
     * @param liveRevocation   asked for the signer path's CRLs when neither embedded nor configured CRLs decide;
     *                         empty: verification stays offline
     * @param revocationPolicy whether missing revocation information blocks TOTAL_PASSED
     * @param clock            gives the validation time
     * @param maxDocumentBytes largest file accepted (see {@link #DEFAULT_MAX_DOCUMENT_BYTES})
     */
    public PdfSignatureVerifier(
            Set<X509Certificate> trustAnchors,
            Collection<X509CRL> crls,
            Optional<RevocationSource> liveRevocation,
            RevocationPolicy revocationPolicy,
            Clock clock,
            long maxDocumentBytes) {
        this(
                TrustAnchors.of(trustAnchors),
                new RevocationSources(List.copyOf(crls), liveRevocation),
                ValidationPolicy.LICENCE.withRevocation(revocationPolicy),
                clock,
                maxDocumentBytes);
    }

    /**
     * A verifier whose policy is chosen per call ({@link #verify(byte[], ValidationPolicy)}); {@link #verify(byte[])}
     * applies {@link ValidationPolicy#LICENCE}.
     *
     * @param trustAnchors     trusted roots, and CA certificates to build paths with
     * @param revocation       configured CRLs and the optional live source, used after the file's embedded data
     * @param clock            gives the validation time
     * @param maxDocumentBytes largest file accepted (see {@link #DEFAULT_MAX_DOCUMENT_BYTES})
     */
    public PdfSignatureVerifier(
            TrustAnchors trustAnchors, RevocationSources revocation, Clock clock, long maxDocumentBytes) {
        this(trustAnchors, revocation, ValidationPolicy.LICENCE, clock, maxDocumentBytes);
    }

    private PdfSignatureVerifier(
            TrustAnchors trustAnchors,
            RevocationSources revocation,
            ValidationPolicy defaultPolicy,
            Clock clock,
            long maxDocumentBytes) {
        this.trustAnchors = trustAnchors.anchors();
        this.intermediates = trustAnchors.intermediates();
        this.revocation = new EmbeddedFirstRevocation(trustAnchors.anchors(), revocation.crls(), revocation.live());
        this.defaultPolicy = defaultPolicy;
        this.clock = clock;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** Verifier with {@link RevocationPolicy#CHECK_IF_AVAILABLE} and the default size limit. */
    public PdfSignatureVerifier(Set<X509Certificate> trustAnchors, Collection<X509CRL> crls, Clock clock) {
        this(trustAnchors, crls, RevocationPolicy.CHECK_IF_AVAILABLE, clock, DEFAULT_MAX_DOCUMENT_BYTES);
    }

    /**
     * Verifies under the constructor's policy: {@link ValidationPolicy#LICENCE} (with the constructor's revocation
     * rule for the legacy constructors).
     *
     * @param pdf the file as received; may be anything, including empty
     */
    public DocumentVerificationReport verify(byte[] pdf) {
        return verify(pdf, defaultPolicy);
    }

    /**
     * @param pdf    the file as received; may be anything, including empty
     * @param policy the validation policy of this call
     */
    public DocumentVerificationReport verify(byte[] pdf, ValidationPolicy policy) {
        Instant validationTime = clock.instant();
        String sha256 = HexFormat.of().formatHex(sha256().digest(pdf));
        List<CheckResult> documentChecks = new ArrayList<>();
        Optional<String> formatProblem = formatProblem(pdf);
        if (formatProblem.isPresent()) {
            documentChecks.add(CheckResult.failed(DOCUMENT_FORMAT, formatProblem.get()));
            return DocumentVerificationReport.of(
                    validationTime,
                    sha256,
                    List.of(),
                    documentChecks,
                    Optional.of(new Verdict(Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE)));
        }
        List<ReportWithEnd> reports = new ArrayList<>();
        List<Long> revisionEnds = PdfRevisionChecks.revisionEnds(pdf);
        var cache = MemoryUsageSetting.setupMainMemoryOnly(maxDocumentBytes).streamCache;
        EmbeddedValidationData ltv;
        PdfLaterRevisions.Inventory inventory;
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(pdf), "", cache)) {
            ltv = EmbeddedValidationData.from(document);
            List<Found> found = new ArrayList<>();
            for (PDSignatureField field : document.getSignatureFields()) {
                PDSignature signature = field.getSignature();
                if (signature != null) {
                    found.add(new Found(field.getFullyQualifiedName(), signature, signedEnd(signature)));
                }
            }
            found.sort(Comparator.comparingLong(Found::end));
            List<PdfRevisionChecks.Signed> signed = found.stream()
                    .map(f -> new PdfRevisionChecks.Signed(
                            f.fieldName(), f.signature().getCOSObject(), f.end()))
                    .toList();
            PdfRevisionChecks revisions =
                    new PdfRevisionChecks(pdf, document, signed, cache, PdfRevisionAnalyser.DEFAULT_MAX_NODES);
            long firstEnd = found.stream()
                    .mapToLong(Found::end)
                    .filter(e -> e > 0 && e <= pdf.length)
                    .min()
                    .orElse(pdf.length);
            inventory = PdfLaterRevisions.of(pdf, firstEnd, cache, PdfRevisionAnalyser.DEFAULT_MAX_NODES);
            for (int i = 0; i < found.size(); i++) {
                Found f = found.get(i);
                reports.add(verifySignature(
                        pdf,
                        document,
                        ltv,
                        inventory,
                        policy,
                        f.fieldName(),
                        f.signature(),
                        revisions,
                        signed.get(i),
                        validationTime));
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            documentChecks.add(
                    CheckResult.failed(DOCUMENT_FORMAT, "The file cannot be parsed as PDF: " + e.getMessage() + "."));
            return DocumentVerificationReport.of(
                    validationTime,
                    sha256,
                    List.of(),
                    documentChecks,
                    Optional.of(new Verdict(Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE)));
        }
        documentChecks.add(CheckResult.passed(DOCUMENT_FORMAT, "PDF of " + pdf.length + " bytes."));
        documentChecks.add(
                ltv.dssPresent()
                        ? CheckResult.passed(LTV_DSS_PRESENT, "Long-term validation material: " + ltv.summary() + ".")
                        : CheckResult.notChecked(
                                LTV_DSS_PRESENT,
                                "The file has no Document Security Store (not PAdES B-LT)"
                                        + "; revocation data can only come from the verifier's configuration."));
        documentChecks.add(CheckResult.passed(
                DOCUMENT_REVISIONS,
                revisionEnds.size() + " revision(s) ending at "
                        + (revisionEnds.size() > 20 ? revisionEnds.subList(0, 20) + "…" : revisionEnds) + "; signed "
                        + "revisions end at "
                        + reports.stream().map(ReportWithEnd::end).sorted().toList() + "."));
        reports.sort(Comparator.comparingLong(ReportWithEnd::end));
        List<SignatureReport> signatures =
                reports.stream().map(ReportWithEnd::report).toList();
        if (signatures.isEmpty()) {
            documentChecks.add(CheckResult.failed(DOCUMENT_SIGNATURES, "The PDF has no signature."));
            documentChecks.add(CheckResult.notChecked(DOCUMENT_COVERAGE, "No signature."));
            return DocumentVerificationReport.of(
                    validationTime,
                    sha256,
                    signatures,
                    documentChecks,
                    Optional.of(new Verdict(Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND)));
        }
        long timestamps =
                reports.stream().filter(ReportWithEnd::documentTimestamp).count();
        if (timestamps == signatures.size()) {
            documentChecks.add(CheckResult.failed(
                    DOCUMENT_SIGNATURES,
                    "The PDF has only " + timestamps
                            + " document time-stamp(s) and no signature: a time-stamp proves when the file existed, not who "
                            + "sealed it."));
            documentChecks.add(CheckResult.notChecked(DOCUMENT_COVERAGE, "No signature."));
            return DocumentVerificationReport.of(
                    validationTime,
                    sha256,
                    signatures,
                    documentChecks,
                    Optional.of(new Verdict(Indication.INDETERMINATE, SubIndication.SIGNED_DATA_NOT_FOUND)));
        }
        documentChecks.add(CheckResult.passed(
                DOCUMENT_SIGNATURES,
                (signatures.size() - timestamps) + " signature(s)"
                        + (timestamps == 0 ? "." : " and " + timestamps + " document time-stamp(s).")));
        ReportWithEnd last = reports.get(reports.size() - 1);
        String after = inventory.describeAfter(last.end());
        boolean unsignedAllowed = false;
        if (last.end() == pdf.length) {
            documentChecks.add(CheckResult.passed(DOCUMENT_COVERAGE, "The last signature covers the whole file."));
        } else if (last.report().coversWholeDocument()) {
            documentChecks.add(CheckResult.passed(
                    DOCUMENT_COVERAGE,
                    "The last signature covers its revision (" + last.end() + " of " + pdf.length + " bytes); after "
                            + "it only validation data: " + after + "."));
        } else if (policy.unsignedRevisions() == ValidationPolicy.UnsignedRevisions.AS_CERTIFICATION_ALLOWS
                && inventory.onlyRevisionsAfter(last.end())
                && last.report()
                        .check(CHANGES_AFTER_SIGNATURE)
                        .map(ch -> ch.outcome() == Outcome.PASSED)
                        .orElse(false)) {
            unsignedAllowed = true;
            documentChecks.add(CheckResult.warning(
                    DOCUMENT_COVERAGE,
                    "The last signature covers " + last.end() + " of " + pdf.length + " bytes; the unsigned "
                            + after + " make only changes the document's permissions allow (policy "
                            + policy.name().id() + ")."));
        } else {
            documentChecks.add(CheckResult.failed(
                    DOCUMENT_COVERAGE,
                    "The last signature covers " + last.end() + " of " + pdf.length + " bytes; after it: " + after
                            + ". The file was changed after the last signature."));
        }
        Optional<Verdict> trailing = Optional.empty();
        List<PdfLaterRevisions.Revision> fake = inventory.revisions().stream()
                .filter(r -> r.content() == PdfLaterRevisions.Content.NOT_A_REVISION)
                .toList();
        if (!fake.isEmpty()) {
            documentChecks.add(CheckResult.failed(
                    DOCUMENT_TRAILING_DATA,
                    "Bytes after a signature end in %%EOF but are not a revision (no cross-reference section): " + fake
                            + ". They are appended data, not a PDF update."));
            trailing = Optional.of(new Verdict(Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE));
        } else if (inventory.trailingBytes() > 0) {
            documentChecks.add(CheckResult.failed(
                    DOCUMENT_TRAILING_DATA,
                    inventory.trailingBytes() + " byte(s) at offset " + inventory.trailingStart()
                            + " follow the last %%EOF and belong to no revision (ISO 32000-1 §7.5.5): no signature "
                            + "covers them and they are not a PDF update."));
            trailing = Optional.of(new Verdict(Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE));
        } else {
            documentChecks.add(CheckResult.passed(DOCUMENT_TRAILING_DATA, "Nothing follows the last %%EOF."));
        }
        return DocumentVerificationReport.of(
                validationTime, sha256, signatures, documentChecks, trailing, unsignedAllowed);
    }

    private Optional<String> formatProblem(byte[] pdf) {
        if (pdf.length == 0) {
            return Optional.of("The file is empty.");
        }
        if (pdf.length > maxDocumentBytes) {
            return Optional.of("The file has " + pdf.length + " bytes; at most " + maxDocumentBytes + " are accepted.");
        }
        String head = new String(pdf, 0, Math.min(pdf.length, 1024), StandardCharsets.ISO_8859_1);
        if (!head.contains("%PDF-")) {
            return Optional.of(
                    "The file has no %PDF- header in its first 1024 bytes: it is not a PDF " + "(ISO 32000-1 §7.5.2).");
        }
        String tail = new String(
                pdf, Math.max(0, pdf.length - 1024), Math.min(pdf.length, 1024), StandardCharsets.ISO_8859_1);
        if (!tail.contains("%%EOF")) {
            return Optional.of(
                    "The file has no %%EOF marker in its last 1024 bytes: it is truncated " + "(ISO 32000-1 §7.5.5).");
        }
        return Optional.empty();
    }

    private record ReportWithEnd(SignatureReport report, long end, boolean documentTimestamp) {
        ReportWithEnd(SignatureReport report, long end) {
            this(report, end, false);
        }
    }

    private record Found(String fieldName, PDSignature signature, long end) {}

    /** The end of the signed range as the ByteRange claims it, 0 if unreadable (checked later). */
    /**
     * Where each signed revision of a PDF ends (the end of each signature's or document time-stamp's ByteRange), in
     * the order of the signature dictionaries; read with the same memory bound as {@link #verify}. A caller that
     * recognises a file by the hash of a signed revision uses this instead of parsing the file again itself.
     *
     * @return the ends, empty if the file is larger than the limit or cannot be read
     */
    public List<Long> signedRevisionEnds(byte[] pdf) {
        if (pdf.length > maxDocumentBytes) {
            return List.of();
        }
        var cache = MemoryUsageSetting.setupMainMemoryOnly(maxDocumentBytes).streamCache;
        try (PDDocument document = Loader.loadPDF(new RandomAccessReadBuffer(pdf), "", cache)) {
            List<Long> ends = new ArrayList<>();
            for (PDSignature signature : document.getSignatureDictionaries()) {
                long end = signedEnd(signature);
                if (end > 0) {
                    ends.add(end);
                }
            }
            return ends;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static long signedEnd(PDSignature signature) {
        if (signature.getCOSObject().getDictionaryObject(COSName.BYTERANGE) instanceof COSArray array
                && array.size() == 4
                && array.getObject(2) instanceof COSInteger b
                && array.getObject(3) instanceof COSInteger c) {
            return b.longValue() + c.longValue();
        }
        return 0;
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

        void notCheckedRemaining() {
            notCheckedRemaining(SIGNATURE_CHECKS);
        }

        void notCheckedRemaining(List<String> expected) {
            for (String id : expected) {
                if (checks.stream().noneMatch(c -> c.id().equals(id))) {
                    checks.add(CheckResult.notChecked(id, "Not checked: an earlier check failed."));
                }
            }
        }
    }

    private ReportWithEnd verifySignature(
            byte[] pdf,
            PDDocument document,
            EmbeddedValidationData ltv,
            PdfLaterRevisions.Inventory inventory,
            ValidationPolicy policy,
            String fieldName,
            PDSignature signature,
            PdfRevisionChecks revisions,
            PdfRevisionChecks.Signed signed,
            Instant validationTime) {
        Collector c = new Collector();
        Optional<Instant> claimed = Optional.empty();
        try {
            claimed = Optional.ofNullable(signature.getSignDate()).map(cal -> cal.toInstant());
        } catch (RuntimeException e) {
            // an unparseable /M is only a claim; reported as absent
        }
        Optional<String> rangeProblem = byteRangeProblem(pdf, document, signature);
        int[] range = rangeProblem.isEmpty() ? signature.getByteRange() : new int[0];
        long end = signed.end();
        // ---- long-term validation: later revisions of only /DSS and document time-stamps keep the coverage ----
        boolean covers = rangeProblem.isEmpty() && (end == pdf.length || inventory.onlyValidationDataAfter(end));
        if (rangeProblem.isPresent()) {
            c.add(
                    CheckResult.failed(BYTE_RANGE, rangeProblem.get()),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return finish(c, fieldName, Optional.empty(), claimed, Optional.empty(), false, end);
        }
        c.add(
                CheckResult.passed(
                        BYTE_RANGE,
                        "ByteRange " + Arrays.toString(range) + " covers its revision except "
                                + "exactly this signature dictionary's /Contents; "
                                + (end == pdf.length
                                        ? "covers the whole file."
                                        : "ends at byte " + end + " of " + pdf.length + "; after it: "
                                                + inventory.describeAfter(end) + ".")),
                null,
                null);
        for (PdfRevisionChecks.Finding finding : revisions.findings(signed)) {
            c.add(finding.check(), finding.indication(), finding.subIndication());
        }
        String subFilter = signature.getSubFilter();
        boolean typedDocTimestamp =
                COSName.DOC_TIME_STAMP.equals(signature.getCOSObject().getCOSName(COSName.TYPE));
        if (SUB_FILTER_RFC3161.equals(subFilter) || typedDocTimestamp) {
            return verifyDocumentTimestamp(
                    c, pdf, ltv, fieldName, signature, range, typedDocTimestamp, claimed, covers, end);
        }
        if ("ETSI.CAdES.detached".equals(subFilter)) {
            c.add(CheckResult.passed(SUB_FILTER, "SubFilter ETSI.CAdES.detached (PAdES)."), null, null);
        } else if ("adbe.pkcs7.detached".equals(subFilter)) {
            c.add(
                    CheckResult.warning(SUB_FILTER, "SubFilter adbe.pkcs7.detached: a PDF signature, not PAdES."),
                    null,
                    null);
        } else {
            c.add(
                    CheckResult.failed(
                            SUB_FILTER,
                            "Unsupported SubFilter " + subFilter + "; expected "
                                    + "ETSI.CAdES.detached (ETSI EN 319 142-1 §5.1)."),
                    Indication.INDETERMINATE,
                    SubIndication.FORMAT_FAILURE);
            return finish(c, fieldName, Optional.empty(), claimed, Optional.empty(), covers, end);
        }

        SignerInformation signer;
        CMSSignedData cms;
        byte[] contents = signature.getContents();
        Optional<String> contentsProblem = contentsProblem(contents);
        if (contentsProblem.isPresent()) {
            c.add(
                    CheckResult.failed(CMS_STRUCTURE, contentsProblem.get() + " (ETSI EN 319 142-1 §5.1)."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return finish(c, fieldName, Optional.empty(), claimed, Optional.empty(), covers, end);
        }
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            ASN1Primitive primitive = in.readObject();
            cms = new CMSSignedData(ContentInfo.getInstance(primitive));
            var signers = cms.getSignerInfos().getSigners();
            if (signers.size() != 1
                    || !cms.isDetachedSignature()
                    || signers.iterator().next().getSignedAttributes() == null) {
                throw new IllegalArgumentException(
                        "expected one signer info with signed attributes over detached " + "content; found "
                                + signers.size() + " signer info(s), detached=" + cms.isDetachedSignature());
            }
            signer = signers.iterator().next();
            Attribute contentType = signer.getSignedAttributes().get(CMSAttributes.contentType);
            if (contentType == null
                    || !CMSObjectIdentifiers.data.equals(
                            contentType.getAttrValues().getObjectAt(0))) {
                throw new IllegalArgumentException("the content-type signed attribute must be id-data");
            }
        } catch (Exception e) {
            c.add(
                    CheckResult.failed(CMS_STRUCTURE, "/Contents is not a PAdES CMS SignedData: " + e.getMessage()),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return finish(c, fieldName, Optional.empty(), claimed, Optional.empty(), covers, end);
        }
        c.add(
                CheckResult.passed(CMS_STRUCTURE, "CMS SignedData, one signer, detached, signed attributes present."),
                null,
                null);

        List<X509Certificate> cmsCertificates = CmsCertificates.all(cms.getCertificates());
        Optional<X509Certificate> found = CmsCertificates.first(cms.getCertificates(), signer.getSID());
        if (found.isEmpty()) {
            c.add(
                    CheckResult.failed(
                            SIGNER_CERTIFICATE, "The CMS does not carry the certificate its signer info " + "names."),
                    Indication.INDETERMINATE,
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
            return finish(c, fieldName, Optional.empty(), claimed, Optional.empty(), covers, end);
        }
        X509Certificate cert = found.get();
        c.add(
                CheckResult.passed(
                        SIGNER_CERTIFICATE,
                        "Signer " + cert.getSubjectX500Principal().getName() + "."),
                null,
                null);
        c.add(messageDigest(pdf, range, signer), Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE);
        c.add(signatureValue(signer, cert), Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE);
        c.add(
                SigningCertificateReference.check(SIGNING_CERTIFICATE, signer.getSignedAttributes(), cert),
                Indication.INDETERMINATE,
                SubIndication.NO_SIGNING_CERTIFICATE_FOUND);
        c.add(SignerKeyUsageCheck.of(cert), Indication.INDETERMINATE, SubIndication.CHAIN_CONSTRAINTS_FAILURE);

        Optional<TimestampVerification> timestamp = timestamp(signer, ltv);
        boolean proven = timestamp.map(TimestampVerification::isValid).orElse(false);
        Instant bestTime = proven ? timestamp.get().genTime().orElseThrow() : validationTime;
        String basis = proven
                ? "the time-stamp time " + bestTime
                : "the validation time " + bestTime + " (no valid time-stamp)";

        if (cert.getNotBefore().toInstant().isAfter(bestTime)) {
            c.add(
                    CheckResult.failed(
                            SIGNER_VALIDITY,
                            "The signer certificate is valid from "
                                    + cert.getNotBefore().toInstant() + ", after " + basis + "."),
                    Indication.TOTAL_FAILED,
                    SubIndication.NOT_YET_VALID);
        } else if (cert.getNotAfter().toInstant().isBefore(bestTime)) {
            c.add(
                    CheckResult.failed(
                            SIGNER_VALIDITY,
                            "The signer certificate expired at "
                                    + cert.getNotAfter().toInstant() + ", before " + basis + "."),
                    proven ? Indication.TOTAL_FAILED : Indication.INDETERMINATE,
                    proven ? SubIndication.EXPIRED : SubIndication.OUT_OF_BOUNDS_NO_POE);
        } else {
            c.add(
                    CheckResult.passed(SIGNER_VALIDITY, "The signer certificate was valid at " + basis + "."),
                    null,
                    null);
        }
        List<X509Certificate> pool = new ArrayList<>(cmsCertificates);
        pool.addAll(intermediates);
        var validated = revocation.validate(cert, pool, ltv, bestTime);
        var chain = validated.validation();
        c.add(chain.chain(), Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        c.add(chain.revocation(), Indication.TOTAL_FAILED, SubIndication.REVOKED);
        c.add(validated.embedded(), null, null);
        if (chain.revocation().outcome() == Outcome.NOT_CHECKED
                && chain.chain().outcome() == Outcome.PASSED
                && policy.revocation() == RevocationPolicy.REQUIRE) {
            c.fail(Indication.INDETERMINATE, SubIndication.TRY_LATER);
        }

        if (timestamp.isEmpty() && !policy.signatureTimestampRequired()) {
            c.add(
                    CheckResult.notChecked(
                            TIMESTAMP_PRESENT,
                            "No signature time-stamp: PAdES baseline B-B, allowed by policy "
                                    + policy.name().id() + "; the signer certificate is judged at the validation "
                                    + "time."),
                    null,
                    null);
        } else if (timestamp.isEmpty()) {
            c.add(
                    CheckResult.failed(
                            TIMESTAMP_PRESENT,
                            "No signature time-stamp (id-aa-signatureTimeStampToken): "
                                    + "PAdES baseline B-T requires one (ETSI EN 319 142-1 §6.3)."),
                    Indication.INDETERMINATE,
                    SubIndication.SIG_CONSTRAINTS_FAILURE);
        } else {
            c.add(CheckResult.passed(TIMESTAMP_PRESENT, "Signature time-stamp present."), null, null);
            for (CheckResult check : timestamp.get().checks()) {
                boolean chainProblem = check.id().equals(TimestampVerifier.CHAIN);
                c.add(
                        check,
                        Indication.INDETERMINATE,
                        chainProblem
                                ? SubIndication.NO_CERTIFICATE_CHAIN_FOUND
                                : SubIndication.SIG_CONSTRAINTS_FAILURE);
            }
        }
        return finish(
                c,
                fieldName,
                Optional.of(cert),
                claimed,
                proven ? Optional.of(bestTime) : Optional.empty(),
                covers,
                end);
    }

    /**
     * A document time-stamp (ETSI EN 319 142-1 §5.4.3; ISO 32000-2 §12.8.5): {@code /Type /DocTimeStamp},
     * {@code /SubFilter /ETSI.RFC3161}, {@code /Contents} one RFC 3161 TimeStampToken whose message imprint is the
     * hash of the bytes its ByteRange covers. The token is verified by {@link TimestampVerifier} (TSA certificate
     * with the critical id-kp-timeStamping EKU only, signature, imprint, chain to a trust anchor at genTime,
     * revocation). An imprint that does not match the covered bytes is TOTAL_FAILED/HASH_FAILURE.
     */
    private ReportWithEnd verifyDocumentTimestamp(
            Collector c,
            byte[] pdf,
            EmbeddedValidationData ltv,
            String fieldName,
            PDSignature signature,
            int[] range,
            boolean typed,
            Optional<Instant> claimed,
            boolean covers,
            long end) {
        if (!typed || !SUB_FILTER_RFC3161.equals(signature.getSubFilter())) {
            c.add(
                    CheckResult.failed(
                            SUB_FILTER,
                            "A document time-stamp has /Type /DocTimeStamp and /SubFilter "
                                    + "/ETSI.RFC3161 together (ETSI EN 319 142-1 §5.4.3); this dictionary has /Type "
                                    + signature.getCOSObject().getCOSName(COSName.TYPE) + " and /SubFilter "
                                    + signature.getSubFilter() + "."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return finishTimestamp(c, fieldName, Optional.empty(), claimed, Optional.empty(), covers, end);
        }
        c.add(
                CheckResult.passed(
                        SUB_FILTER,
                        "Document time-stamp: /Type /DocTimeStamp, SubFilter ETSI.RFC3161 "
                                + "(ETSI EN 319 142-1 §5.4.3)."),
                null,
                null);
        byte[] contents = signature.getContents();
        Optional<String> contentsProblem = contentsProblem(contents);
        if (contentsProblem.isPresent()) {
            c.add(
                    CheckResult.failed(DOC_TIMESTAMP_TOKEN, contentsProblem.get() + " (ETSI EN 319 142-1 §5.4.3)."),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return finishTimestamp(c, fieldName, Optional.empty(), claimed, Optional.empty(), covers, end);
        }
        TimeStampToken token;
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            token = new TimeStampToken(ContentInfo.getInstance(in.readObject()));
        } catch (Exception e) {
            c.add(
                    CheckResult.failed(
                            DOC_TIMESTAMP_TOKEN,
                            "/Contents of the document time-stamp is not an RFC 3161 " + "TimeStampToken: "
                                    + e.getMessage()),
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE);
            return finishTimestamp(c, fieldName, Optional.empty(), claimed, Optional.empty(), covers, end);
        }
        c.add(
                CheckResult.passed(
                        DOC_TIMESTAMP_TOKEN,
                        "RFC 3161 TimeStampToken of TSA policy "
                                + token.getTimeStampInfo().getPolicy().getId() + ", genTime "
                                + token.getTimeStampInfo().getGenTime().toInstant() + "."),
                null,
                null);
        byte[] covered = new byte[range[1] + range[3]];
        System.arraycopy(pdf, range[0], covered, 0, range[1]);
        System.arraycopy(pdf, range[2], covered, range[1], range[3]);
        TimestampVerification verification =
                new TimestampVerifier(trustAnchors, revocation.allCrls(ltv)).verify(token, covered);
        for (CheckResult check : verification.checks()) {
            Indication indication = Indication.INDETERMINATE;
            SubIndication sub = SubIndication.SIG_CONSTRAINTS_FAILURE;
            switch (check.id()) {
                case TimestampVerifier.IMPRINT -> {
                    indication = Indication.TOTAL_FAILED;
                    sub = SubIndication.HASH_FAILURE;
                }
                case TimestampVerifier.SIGNATURE -> {
                    indication = Indication.TOTAL_FAILED;
                    sub = SubIndication.SIG_CRYPTO_FAILURE;
                }
                case TimestampVerifier.CHAIN -> sub = SubIndication.NO_CERTIFICATE_CHAIN_FOUND;
                case TimestampVerifier.TSA_KEY_USAGE -> sub = SubIndication.CHAIN_CONSTRAINTS_FAILURE;
                case TimestampVerifier.TSA_CERTIFICATE -> sub = SubIndication.NO_SIGNING_CERTIFICATE_FOUND;
                default -> {}
            }
            c.add(check, indication, sub);
        }
        Optional<X509Certificate> tsa = Optional.empty();
        try {
            tsa = CmsCertificates.first(token.getCertificates(), token.getSID());
        } catch (RuntimeException e) {
            // reported by the timestamp.tsa-certificate check
        }
        return finishTimestamp(
                c,
                fieldName,
                tsa,
                claimed,
                verification.isValid() ? verification.genTime() : Optional.empty(),
                covers,
                end);
    }

    private static ReportWithEnd finishTimestamp(
            Collector c,
            String fieldName,
            Optional<X509Certificate> tsa,
            Optional<Instant> claimed,
            Optional<Instant> genTime,
            boolean covers,
            long end) {
        c.notCheckedRemaining(DOC_TIMESTAMP_CHECKS);
        Verdict verdict = c.verdict.orElse(new Verdict(Indication.TOTAL_PASSED, SubIndication.NONE));
        return new ReportWithEnd(
                new SignatureReport(
                        fieldName,
                        verdict.indication(),
                        verdict.subIndication(),
                        tsa.map(x -> x.getSubjectX500Principal().getName()),
                        tsa.map(x -> x.getSerialNumber().toString(16)),
                        claimed,
                        genTime,
                        covers,
                        c.checks),
                end,
                true);
    }

    private static ReportWithEnd finish(
            Collector c,
            String fieldName,
            Optional<X509Certificate> cert,
            Optional<Instant> claimed,
            Optional<Instant> timestampTime,
            boolean covers,
            long end) {
        c.notCheckedRemaining();
        Verdict verdict = c.verdict.orElse(new Verdict(Indication.TOTAL_PASSED, SubIndication.NONE));
        return new ReportWithEnd(
                new SignatureReport(
                        fieldName,
                        verdict.indication(),
                        verdict.subIndication(),
                        cert.map(x -> x.getSubjectX500Principal().getName()),
                        cert.map(x -> x.getSerialNumber().toString(16)),
                        claimed,
                        timestampTime,
                        covers,
                        c.checks),
                end);
    }

    /**
     * ByteRange well-formed (ISO 32000-1 §12.8.1; ETSI EN 319 142-1 §5.1), defeating universal signature forgery and
     * signature wrapping: exactly four non-negative integers {@code [0 a b c]}; the range ends a revision (after an
     * {@code %%EOF}) within the file; the gap {@code [a, b)} is exactly the {@code /Contents} hex string of this
     * signature's own dictionary, found in the raw bytes at the offset the cross-reference table gives for it.
     */
    private static Optional<String> byteRangeProblem(byte[] pdf, PDDocument document, PDSignature signature) {
        COSDictionary dictionary = signature.getCOSObject();
        COSBase value = dictionary.getDictionaryObject(COSName.BYTERANGE);
        if (!(value instanceof COSArray array)) {
            return Optional.of("The signature dictionary has no /ByteRange array (ISO 32000-1 Table 252): nothing is "
                    + "signed.");
        }
        long[] range = new long[array.size()];
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getObject(i) instanceof COSInteger integer)
                    || integer.longValue() < 0
                    || integer.longValue() > Integer.MAX_VALUE) {
                return Optional.of("ByteRange " + array + " must hold non-negative integers only; element " + i + " is "
                        + array.getObject(i) + ".");
            }
            range[i] = integer.longValue();
        }
        String shown = Arrays.toString(range);
        if (range.length != 4) {
            return Optional.of("ByteRange " + shown + " must have exactly four integers [0 a b c].");
        }
        long a = range[1];
        long b = range[2];
        long length = range[3];
        if (range[0] != 0 || a <= 0 || b <= a + 1 || b + length > pdf.length) {
            return Optional.of("ByteRange " + shown + " must be [0 a b c] with 0 < a < b and b + c within the file "
                    + "of " + pdf.length + " bytes: the signed bytes must start at the beginning of the file and be "
                    + "interrupted only by /Contents.");
        }
        if (!PdfRevisionChecks.endsARevision(pdf, b + length)) {
            return Optional.of("ByteRange " + shown + " ends at byte " + (b + length) + ", which is not the end of a "
                    + "revision (%%EOF): a signature covers a whole revision (ISO 32000-1 §12.8.1).");
        }
        if (pdf[(int) a] != '<' || pdf[(int) b - 1] != '>') {
            return Optional.of("The gap of ByteRange " + shown + " is not a hex string <...>.");
        }
        if (dictionary.getKey() == null) {
            return Optional.of("The signature dictionary is not an indirect object (ISO 32000-1 Table 232: /V shall "
                    + "be an indirect reference); its /Contents cannot be located.");
        }
        Long offset = document.getDocument().getXrefTable().get(dictionary.getKey());
        if (offset == null || offset <= 0) {
            return Optional.of("The signature dictionary " + dictionary.getKey() + " is "
                    + (offset == null ? "not in the cross-reference table" : "inside an object stream")
                    + "; a signature dictionary must be a plain indirect object so its /Contents can be excluded "
                    + "from the ByteRange.");
        }
        var located = SignatureDictionaryScanner.locateContents(
                pdf,
                offset,
                dictionary.getKey().getNumber(),
                dictionary.getKey().getGeneration());
        if (located.span().isEmpty()) {
            return Optional.of("The signature dictionary " + dictionary.getKey() + " at byte " + offset
                    + " cannot be read in the raw file: " + located.problem() + ".");
        }
        var span = located.span().get();
        if (span.start() != a || span.end() != b) {
            return Optional.of("The gap of ByteRange " + shown + " is bytes [" + a + ", " + b + ") but this "
                    + "signature dictionary's /Contents is at [" + span.start() + ", " + span.end() + "): the "
                    + "ByteRange excludes some other bytes (signature wrapping).");
        }
        for (long i = a + 1; i < b - 1; i++) {
            if (Character.digit(pdf[(int) i], 16) < 0) {
                return Optional.of("/Contents contains a non-hex byte at " + i + "; it must be one hex string.");
            }
        }
        if ((b - a - 2) % 2 != 0) {
            return Optional.of("The /Contents hex string has an odd number of digits.");
        }
        return Optional.empty();
    }

    /**
     * {@code /Contents} holds one DER CMS followed by zero padding only (ETSI EN 319 142-1 §5.1; PDFBox pads the
     * reserved space with zeros). Empty, all-zero (an unsigned placeholder) and trailing non-zero bytes are refused.
     */
    private static Optional<String> contentsProblem(byte[] contents) {
        if (contents.length == 0) {
            return Optional.of("/Contents is empty: there is no signature");
        }
        int last = contents.length - 1;
        while (last >= 0 && contents[last] == 0) {
            last--;
        }
        if (last < 0) {
            return Optional.of("/Contents (" + contents.length + " bytes) is all zeros: an unsigned placeholder");
        }
        try (ASN1InputStream in = new ASN1InputStream(contents)) {
            ASN1Primitive first = in.readObject();
            int used = first == null ? 0 : first.getEncoded("DER").length;
            if (first == null || used == 0 || used > contents.length) {
                return Optional.of("/Contents does not start with a DER object");
            }
            for (int i = used; i < contents.length; i++) {
                if (contents[i] != 0) {
                    return Optional.of("/Contents has " + (contents.length - used) + " bytes after the " + used
                            + "-byte CMS and byte " + i + " of them is not zero padding");
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of("/Contents is not DER: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static CheckResult messageDigest(byte[] pdf, int[] range, SignerInformation signer) {
        Attribute attribute = signer.getSignedAttributes().get(CMSAttributes.messageDigest);
        if (attribute == null) {
            return CheckResult.failed(
                    MESSAGE_DIGEST, "The message-digest signed attribute is missing (RFC 5652 §11.2).");
        }
        String algorithm = new DefaultAlgorithmNameFinder().getAlgorithmName(signer.getDigestAlgorithmID());
        try {
            MessageDigest digest = Digests.named(algorithm);
            digest.update(pdf, range[0], range[1]);
            digest.update(pdf, range[2], range[3]);
            byte[] signed = ASN1OctetString.getInstance(
                            attribute.getAttrValues().getObjectAt(0))
                    .getOctets();
            return MessageDigest.isEqual(digest.digest(), signed)
                    ? CheckResult.passed(
                            MESSAGE_DIGEST,
                            "The " + algorithm + " of the signed byte ranges matches the "
                                    + "message-digest attribute.")
                    : CheckResult.failed(
                            MESSAGE_DIGEST,
                            "The " + algorithm + " of the signed byte ranges differs from"
                                    + " the message-digest attribute: the signed bytes were changed.");
        } catch (GeneralSecurityException | RuntimeException e) {
            return CheckResult.failed(
                    MESSAGE_DIGEST, "Cannot recompute the digest with " + algorithm + ": " + e.getMessage());
        }
    }

    /** Verifies the signature over the signed attributes once (BC's SignerInformation.verify does it twice). */
    private static CheckResult signatureValue(SignerInformation signer, X509Certificate cert) {
        try {
            String name = new DefaultCMSSignatureAlgorithmNameGenerator()
                    .getSignatureName(
                            signer.getDigestAlgorithmID(),
                            signer.toASN1Structure().getDigestEncryptionAlgorithm());
            Signature verifier = Signature.getInstance(name, Providers.bouncyCastle());
            verifier.initVerify(cert.getPublicKey());
            verifier.update(signer.getEncodedSignedAttributes());
            return verifier.verify(signer.getSignature())
                    ? CheckResult.passed(SIGNATURE_VALUE, name + " signature verifies with the signer certificate.")
                    : CheckResult.failed(
                            SIGNATURE_VALUE, name + " signature does not verify with the signer " + "certificate.");
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return CheckResult.failed(SIGNATURE_VALUE, "The signature value cannot be verified: " + e.getMessage());
        }
    }

    private Optional<TimestampVerification> timestamp(SignerInformation signer, EmbeddedValidationData ltv) {
        if (signer.getUnsignedAttributes() == null) {
            return Optional.empty();
        }
        Attribute attribute = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        if (attribute == null) {
            return Optional.empty();
        }
        try {
            TimeStampToken token = new TimeStampToken(
                    ContentInfo.getInstance(attribute.getAttrValues().getObjectAt(0)));
            return Optional.of(
                    new TimestampVerifier(trustAnchors, revocation.allCrls(ltv)).verify(token, signer.getSignature()));
        } catch (Exception e) {
            return Optional.of(new TimestampVerification(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    List.of(CheckResult.failed(
                            "timestamp.structure",
                            "The signature time-stamp token cannot be " + "read: " + e.getMessage()))));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }
}
