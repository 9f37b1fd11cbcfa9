package cn.zhengyin.licence.archive;

import cn.zhengyin.licence.registry.LicenceFileStore;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.trust.crypto.Digests;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the archive time-stamp of stored licence PDFs: takes a version's newest PDF, and when the TSA certificate of
 * its last document time-stamp expires within the configured window (or there is none, or renewal is forced), has
 * the renewer add fresh validation data and a new document time-stamp (trust-core's {@code PadesLtaExtender.renew}).
 * The result is stored as a further rendition of the version, kind {@code PDF-RENEWAL-<n>}; the registry keeps every
 * earlier file and hash, so whatever was handed out before still verifies and is found.
 */
public final class ArchiveRenewal {
    /** Kind prefix of renewed PDFs; the first renewal is {@code PDF-RENEWAL-1}. */
    public static final String RENEWAL_KIND = "PDF-RENEWAL-";

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRenewal.class);
    private static final int PAGE = 500;

    private final LicenceRegistry registry;
    private final LicenceFileStore files;
    private final UnaryOperator<byte[]> renewer;
    private final Clock clock;
    private final Duration renewWithin;

    /**
     * @param renewer     adds validation data and a new document time-stamp to an LTA PDF (an incremental update)
     * @param renewWithin renew when the last document time-stamp's TSA certificate expires within this time
     */
    public ArchiveRenewal(
            LicenceRegistry registry,
            LicenceFileStore files,
            UnaryOperator<byte[]> renewer,
            Clock clock,
            Duration renewWithin) {
        this.registry = registry;
        this.files = files;
        this.renewer = renewer;
        this.clock = clock;
        this.renewWithin = renewWithin;
    }

    /** What a renewal did for one version. */
    public record Outcome(String identifier, boolean renewed, String reason, Optional<Rendition> rendition) {}

    /** Counts of one pass over all stored versions. */
    public record Run(int examined, int renewed, int failed) {}

    /**
     * Renews one version's PDF if it is due (or always, when {@code force}).
     *
     * @throws ArchiveRenewalException if the version or its PDF does not exist
     */
    public Outcome renew(String identifier, boolean force) {
        LicenceVersion version = registry.findVersion(identifier)
                .orElseThrow(() -> new ArchiveRenewalException("there is no licence version " + identifier));
        Rendition newest = newestPdf(version)
                .orElseThrow(() -> new ArchiveRenewalException("licence version " + identifier + " has no PDF"));
        byte[] pdf = files.get(newest.fileId())
                .orElseThrow(() -> new ArchiveRenewalException(
                        "the PDF " + newest.fileId() + " of " + identifier + " is missing from the file store"));
        Optional<Instant> expiry = lastDocumentTimestampTsaExpiry(pdf);
        Instant due = clock.instant().plus(renewWithin);
        if (!force && expiry.isPresent() && expiry.get().isAfter(due)) {
            return new Outcome(
                    identifier,
                    false,
                    "the last document time-stamp's TSA certificate is valid until " + expiry.get()
                            + ", after the renewal window (" + renewWithin.toDays() + " days)",
                    Optional.empty());
        }
        byte[] renewed = renewer.apply(pdf);
        int n = (int) version.renditions().stream()
                        .filter(r -> r.kind().startsWith(RENEWAL_KIND))
                        .count()
                + 1;
        String kind = RENEWAL_KIND + n;
        String sha256 = Digests.sha256Hex(renewed);
        String fileId = identifier + "/" + kind.toLowerCase(Locale.ROOT) + "/" + sha256;
        files.put(fileId, identifier + "-renewal-" + n + ".pdf", "application/pdf", renewed);
        Rendition rendition = new Rendition(
                kind,
                "application/pdf",
                fileId,
                renewed.length,
                sha256,
                HexFormat.of().formatHex(Digests.sm3(renewed)));
        registry.addRendition(identifier, rendition);
        String reason = force
                ? "renewal requested"
                : expiry.map(e -> "the last document time-stamp's TSA certificate expires " + e)
                        .orElse("the PDF had no document time-stamp");
        LOG.info("archive time-stamp of {} renewed as {} ({})", identifier, kind, reason);
        return new Outcome(identifier, true, reason, Optional.of(rendition));
    }

    /** One pass over every stored version: renews those that are due; a failure is logged and the pass goes on. */
    public Run renewDue() {
        int examined = 0, renewed = 0, failed = 0;
        String after = "";
        for (List<String> page = registry.versionIdentifiers(after, PAGE);
                !page.isEmpty();
                page = registry.versionIdentifiers(after, PAGE)) {
            for (String identifier : page) {
                examined++;
                try {
                    if (renew(identifier, false).renewed()) {
                        renewed++;
                    }
                } catch (RuntimeException e) {
                    failed++;
                    LOG.warn("archive time-stamp of {} not renewed: {}", identifier, e.getMessage());
                }
            }
            after = page.getLast();
        }
        LOG.info("archive time-stamp renewal: {} versions examined, {} renewed, {} failed", examined, renewed, failed);
        return new Run(examined, renewed, failed);
    }

    /** The newest PDF of a version: its last renewal, else the issued PDF. */
    static Optional<Rendition> newestPdf(LicenceVersion version) {
        Optional<Rendition> newest = Optional.empty();
        for (Rendition r : version.renditions()) {
            if (r.kind().equals("PDF") || r.kind().startsWith(RENEWAL_KIND)) {
                newest = Optional.of(r);
            }
        }
        return newest;
    }

    /**
     * The end of validity of the TSA certificate of the PDF's last document time-stamp (the one ending furthest into
     * the file); empty when the PDF has no document time-stamp.
     */
    static Optional<Instant> lastDocumentTimestampTsaExpiry(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDSignature last = null;
            for (PDSignature s : document.getSignatureDictionaries()) {
                if ("ETSI.RFC3161".equals(s.getSubFilter()) && (last == null || end(s) > end(last))) {
                    last = s;
                }
            }
            if (last == null) {
                return Optional.empty();
            }
            ContentInfo info;
            try (ASN1InputStream in = new ASN1InputStream(last.getContents(pdf))) {
                info = ContentInfo.getInstance(in.readObject());
            }
            TimeStampToken token = new TimeStampToken(new CMSSignedData(info));
            java.util.Collection<?> matches = token.getCertificates().getMatches(token.getSID());
            X509CertificateHolder tsa = matches.stream()
                    .filter(X509CertificateHolder.class::isInstance)
                    .map(X509CertificateHolder.class::cast)
                    .findFirst()
                    .orElseThrow(() -> new ArchiveRenewalException(
                            "the last document time-stamp does not carry its TSA certificate"));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(tsa);
            return Optional.of(certificate.getNotAfter().toInstant());
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new ArchiveRenewalException("the PDF's document time-stamp cannot be read: " + e.getMessage(), e);
        } catch (org.bouncycastle.tsp.TSPException | org.bouncycastle.cms.CMSException e) {
            throw new ArchiveRenewalException(
                    "the PDF's document time-stamp is not an RFC 3161 token: " + e.getMessage(), e);
        }
    }

    private static long end(PDSignature s) {
        int[] range = s.getByteRange();
        return (long) range[2] + range[3];
    }
}
