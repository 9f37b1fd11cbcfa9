package cn.zhengyin.licence.verification;

import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.licence.registry.Standings;
import cn.zhengyin.licence.transparency.TransparencyEvidenceSource;
import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.LicenceIdentifier;
import cn.zhengyin.trust.validation.CheckResult;
import cn.zhengyin.trust.validation.DocumentVerificationReport;
import cn.zhengyin.trust.validation.Indication;
import cn.zhengyin.trust.validation.LicenceStanding;
import cn.zhengyin.trust.validation.SubIndication;
import cn.zhengyin.trust.validation.ValidationPolicy;
import cn.zhengyin.trust.validation.VerificationConclusion;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Hash-only verification: the caller keeps the file and sends its licence identifier and the SHA-256 (or SM3) it
 * computed. The registry says whether that hash is a registered rendition (PDF, XML, …) of that version, whether the
 * version is current or superseded, and the licence's status now.
 *
 * <p>No signature is checked in this mode ({@value #SIGNATURE_NOT_CHECKED} is always NOT_CHECKED): a match proves
 * that the caller's file is byte for byte the file the service issued for that version (whose seal was made and
 * verified at issuance and is logged in the transparency log); it proves nothing about a different file than the one
 * hashed, and a caller who does not trust its own hashing must upload the file instead.
 *
 * <p>The indication is TOTAL_PASSED when the hash matches a rendition of the named version; TOTAL_FAILED with
 * FORMAT_FAILURE for an identifier that is not a GB/T 36904 identifier, SIGNED_DATA_NOT_FOUND when no licence or
 * version has it, HASH_FAILURE when the hash matches no rendition of it. As for files, the licence's status now is a
 * separate answer and does not change the indication.
 */
public final class HashOnlyVerifier {
    public static final String REQUEST = "hash-only.request";
    public static final String IDENTIFIER = "registry.identifier";
    public static final String VERSION = "registry.version";
    public static final String FILE_HASH = "registry.file-hash";
    public static final String CURRENT_VERSION = "registry.current-version";
    public static final String STATUS_NOW = "registry.status-now";
    public static final String SIGNATURE_NOT_CHECKED = "signature.not-checked";

    private static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;
    private final LicenceRegistry registry;
    private final Clock clock;
    private final TransparencyEvidenceSource transparency;

    public HashOnlyVerifier(LicenceRegistry registry, Clock clock, TransparencyEvidenceSource transparency) {
        this.registry = registry;
        this.clock = clock;
        this.transparency = transparency;
    }

    /** The digest algorithms a caller may use. */
    public enum HashAlgorithm {
        SHA256,
        SM3
    }

    /**
     * @param identifier the licence identifier (any version of the licence)
     * @param version    the version asked about; empty: the identifier's own version
     * @param algorithm  SHA256 or SM3
     * @param hash       lower- or upper-case hex of 32 bytes (checked by the caller)
     */
    public record Query(String identifier, Optional<Integer> version, HashAlgorithm algorithm, String hash) {}

    public LicenceVerificationReport verify(Query query) {
        Instant now = clock.instant();
        String hash = query.hash().toLowerCase(Locale.ROOT);
        String algorithm = query.algorithm() == HashAlgorithm.SHA256 ? "SHA-256" : "SM3";
        List<CheckResult> checks = new ArrayList<>();
        checks.add(CheckResult.passed(
                REQUEST,
                "Hash-only request: the caller's " + algorithm + " " + hash
                        + " of a file it keeps; the file was not sent."));
        LicenceIdentifier id;
        try {
            id = LicenceIdentifier.parse(query.identifier());
        } catch (InvalidIdentifierException e) {
            checks.add(CheckResult.failed(IDENTIFIER, e.getMessage()));
            return failed(
                    now,
                    hash,
                    query,
                    checks,
                    Indication.TOTAL_FAILED,
                    SubIndication.FORMAT_FAILURE,
                    RegistryAnswer.notFound(
                            "'" + query.identifier() + "' is not a licence identifier: " + e.getMessage()),
                    Optional.empty());
        }
        LicenceIdentifier asked = query.version().map(id::withVersion).orElse(id);
        Optional<Licence> licence = registry.findLicence(id.root());
        if (licence.isEmpty()) {
            checks.add(CheckResult.failed(
                    IDENTIFIER,
                    "No licence " + id.root() + " is registered; the identifier may " + "be forged or mistyped."));
            return failed(
                    now,
                    hash,
                    query,
                    checks,
                    Indication.TOTAL_FAILED,
                    SubIndication.SIGNED_DATA_NOT_FOUND,
                    RegistryAnswer.notFound("no licence has the identifier " + query.identifier()),
                    Optional.empty());
        }
        Licence l = licence.get();
        checks.add(CheckResult.passed(
                IDENTIFIER,
                "Licence " + id.root() + " is registered; its current version is " + l.currentIdentifier() + "."));
        Optional<LicenceVersion> version =
                registry.findVersion(asked.toString()).filter(v -> v.version() <= l.currentVersion());
        LocalDate today = LocalDate.now(clock.withZone(CHINA));
        LicenceStatus status = l.statusAt(today);
        if (version.isEmpty()) {
            checks.add(CheckResult.failed(
                    VERSION,
                    "Licence " + id.root() + " has no version " + asked.versionCode() + "; it has versions 001 to "
                            + String.format(Locale.ROOT, "%03d", l.currentVersion()) + "."));
            return failed(
                    now,
                    hash,
                    query,
                    checks,
                    Indication.TOTAL_FAILED,
                    SubIndication.SIGNED_DATA_NOT_FOUND,
                    new RegistryAnswer(
                            false,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.of(l.currentIdentifier()),
                            false,
                            Optional.of(status),
                            "licence " + id.root() + " has no version " + asked.versionCode()),
                    Optional.empty());
        }
        LicenceVersion v = version.get();
        checks.add(CheckResult.passed(
                VERSION,
                "Version " + asked.versionCode() + " (" + v.identifier() + ") is registered, issued on " + v.issuedOn()
                        + "."));
        Optional<Rendition> match = v.renditions().stream()
                .filter(r -> hash.equals(hashOf(r, query.algorithm())))
                .findFirst();
        boolean current = l.currentIdentifier().equals(v.identifier());
        if (match.isEmpty()) {
            String elsewhere = registry.versions(l.root()).stream()
                    .filter(other -> other.version() != v.version())
                    .filter(other ->
                            other.renditions().stream().anyMatch(r -> hash.equals(hashOf(r, query.algorithm()))))
                    .map(other -> " It matches a rendition of version " + other.identifier() + " instead.")
                    .findFirst()
                    .orElse("");
            checks.add(CheckResult.failed(
                    FILE_HASH,
                    "The " + algorithm + " " + hash + " matches none of the "
                            + v.renditions().size() + " registered rendition(s) of " + v.identifier() + " ("
                            + v.renditions().stream().map(Rendition::kind).toList() + "): the file is not the one the "
                            + "registry holds for this version." + elsewhere));
            return failed(
                    now,
                    hash,
                    query,
                    checks,
                    Indication.TOTAL_FAILED,
                    SubIndication.HASH_FAILURE,
                    new RegistryAnswer(
                            false,
                            Optional.of(v.identifier()),
                            Optional.of(v.version()),
                            Optional.of(l.currentIdentifier()),
                            current,
                            Optional.of(status),
                            "the hash matches no registered file of version " + v.identifier()),
                    transparency.evidenceFor(v.identifier()));
        }
        Rendition rendition = match.get();
        checks.add(CheckResult.passed(
                FILE_HASH,
                "The " + algorithm + " matches the registered "
                        + rendition.kind().toLowerCase(Locale.ROOT) + " rendition (" + rendition.mediaType() + ", "
                        + rendition.size() + " bytes) of " + v.identifier() + "."));
        checks.add(
                current
                        ? CheckResult.passed(
                                CURRENT_VERSION, "Version " + asked.versionCode() + " is the current version.")
                        : CheckResult.warning(
                                CURRENT_VERSION,
                                "Version " + asked.versionCode() + " was superseded; the " + "current version is "
                                        + l.currentIdentifier() + "."));
        checks.add(
                status == LicenceStatus.VALID
                        ? CheckResult.passed(STATUS_NOW, "The licence is VALID now.")
                        : CheckResult.warning(STATUS_NOW, "The licence is " + status + " now."));
        checks.add(signatureNotChecked());
        RegistryAnswer answer = new RegistryAnswer(
                true,
                Optional.of(v.identifier()),
                Optional.of(v.version()),
                Optional.of(l.currentIdentifier()),
                current,
                Optional.of(status),
                "the hash is the registered "
                        + rendition.kind().toLowerCase(Locale.ROOT) + " rendition of the "
                        + (current ? "current" : "superseded") + " version " + asked.versionCode() + " of licence "
                        + v.identifier()
                        + "; the licence is " + status + " now");
        DocumentVerificationReport document = new DocumentVerificationReport(
                Indication.TOTAL_PASSED, SubIndication.NONE, now, rendition.sha256(), List.of(), checks);
        VerificationConclusion conclusion = VerificationConclusion.derive(
                Indication.TOTAL_PASSED,
                SubIndication.NONE,
                ValidationPolicy.LICENCE,
                Standings.of(l, v.identifier(), v.version(), today));
        String zh = summaryZh(true, rendition.kind(), asked.versionCode(), current, Optional.of(status));
        String en = summaryEn(true, rendition.kind(), asked.versionCode(), current, Optional.of(status));
        return LicenceVerificationReport.of(
                conclusion,
                ValidationPolicy.LICENCE.name().id(),
                Indication.TOTAL_PASSED,
                SubIndication.NONE,
                now,
                conclusion
                        .notInForce()
                        .map(n -> ConclusionText.zh(n) + "；" + zh)
                        .orElse(zh),
                conclusion
                        .notInForce()
                        .map(n -> "Not in force: " + ConclusionText.en(n) + ". " + en)
                        .orElse(en),
                document,
                answer,
                transparency.evidenceFor(v.identifier()),
                VerificationMode.HASH_ONLY,
                Optional.empty());
    }

    private LicenceVerificationReport failed(
            Instant now,
            String hash,
            Query query,
            List<CheckResult> checks,
            Indication indication,
            SubIndication sub,
            RegistryAnswer answer,
            Optional<cn.zhengyin.licence.transparency.TransparencyViews.TransparencyEvidence> evidence) {
        checks.add(signatureNotChecked());
        DocumentVerificationReport document = new DocumentVerificationReport(
                indication, sub, now, query.algorithm() == HashAlgorithm.SHA256 ? hash : "", List.of(), checks);
        return LicenceVerificationReport.of(
                VerificationConclusion.derive(
                        indication, sub, ValidationPolicy.LICENCE, LicenceStanding.notRegistered()),
                ValidationPolicy.LICENCE.name().id(),
                indication,
                sub,
                now,
                summaryZh(false, "", "", false, answer.licenceStatus()),
                summaryEn(false, "", "", false, answer.licenceStatus()),
                document,
                answer,
                evidence,
                VerificationMode.HASH_ONLY,
                Optional.empty());
    }

    private static CheckResult signatureNotChecked() {
        return CheckResult.notChecked(
                SIGNATURE_NOT_CHECKED,
                "Hash-only mode: no signature was checked and the file "
                        + "was not seen. A match proves only that the hashed file is byte for byte the file the registry "
                        + "holds for this version (sealed and logged when it was issued); upload the file to have its "
                        + "signatures verified.");
    }

    private static String hashOf(Rendition rendition, HashAlgorithm algorithm) {
        String value = algorithm == HashAlgorithm.SHA256 ? rendition.sha256() : rendition.sm3();
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    private static String summaryZh(
            boolean matched, String kind, String version, boolean current, Optional<LicenceStatus> status) {
        String verdict = matched
                ? "哈希核验通过：文件与证照库登记的第" + version + "版" + kind.toUpperCase(Locale.ROOT) + "文件一致"
                        + (current ? "（现行版本）" : "（已被新版本取代）")
                : "哈希核验失败：证照库中没有与该标识和哈希值相符的证照文件";
        return verdict + status.map(s -> "；证照当前状态：" + statusZh(s)).orElse("") + "。仅核对哈希值，未验证电子签章。";
    }

    private static String summaryEn(
            boolean matched, String kind, String version, boolean current, Optional<LicenceStatus> status) {
        String verdict = matched
                ? "Hash matched: the file is the registered " + kind.toUpperCase(Locale.ROOT) + " of version " + version
                        + (current ? " (the current version)" : " (superseded by a newer version)")
                : "Hash not matched: the registry holds no licence file with this identifier and hash";
        return verdict + status.map(s -> "; licence status now: " + s).orElse("")
                + ". Only the hash was compared; no signature was checked.";
    }

    private static String statusZh(LicenceStatus status) {
        return switch (status) {
            case VALID -> "有效";
            case SUSPENDED -> "暂扣";
            case REVOKED -> "吊销";
            case CANCELLED -> "注销";
            case EXPIRED -> "已过期";
        };
    }
}
