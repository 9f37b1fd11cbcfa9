package cn.zhengyin.licence.share;

import cn.zhengyin.licence.holder.Holder;
import cn.zhengyin.licence.registry.Licence;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceStatus;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.sealing.JwsSigner;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.Deflater;

/**
 * Creates, withdraws and answers for shares: the SD-JWT VC of a share, and its Token Status List token.
 *
 * <p>Status values (draft-ietf-oauth-status-list §7.1, 2 bits): {@code 0} VALID, {@code 1} INVALID (share withdrawn,
 * or licence revoked, cancelled or expired), {@code 2} SUSPENDED (licence suspended, 暂扣). Each share has its own
 * list of one entry ({@code idx} 0), at {@code <public base>/s/<shareId>/status}.
 */
public final class ShareService {
    public static final String SD_JWT_TYPE = "dc+sd-jwt";
    public static final String STATUS_LIST_TYPE = "statuslist+jwt";
    public static final String VCT_PREFIX = "urn:zhengyin:licence-type:";
    public static final Duration MAX_LIFETIME = Duration.ofDays(90);
    /** How long a status list token may be cached (its {@code ttl}, seconds). */
    public static final long STATUS_TTL_SECONDS = 300;

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int SUSPENDED = 2;
    private static final ZoneId CHINA = cn.zhengyin.trust.ChinaTime.ZONE;

    private final LicenceRegistry registry;
    private final ShareStore shares;
    private final JwsSigner signer;
    private final Function<LicenceVersion, Optional<String>> sealOf;
    private final URI publicBaseUrl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, CachedToken> statusTokens = new ConcurrentHashMap<>();

    private record CachedToken(int status, String token, Instant until) {}

    /** @param sealOf the seal that signs a licence version (its issuing approval system's seal) */
    public ShareService(
            LicenceRegistry registry,
            ShareStore shares,
            JwsSigner signer,
            Function<LicenceVersion, Optional<String>> sealOf,
            URI publicBaseUrl,
            Clock clock) {
        this.registry = registry;
        this.shares = shares;
        this.signer = signer;
        this.sealOf = sealOf;
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    /**
     * Shares the current version of a licence the holder holds, revealing only {@code fieldKeys}.
     *
     * @throws ShareRefusedException if the licence is not the holder's (as not found), a field is unknown, no field
     *                               is chosen, or the expiry is not in (now, now + 90 days]
     */
    public Share create(Holder holder, String root, List<String> fieldKeys, Instant expiresAt) {
        Licence licence = registry.findLicence(root)
                .filter(l -> holder.holds(l.holderCode()))
                .orElseThrow(() -> ShareRefusedException.notFound(root));
        LicenceVersion version = registry.findVersion(licence.currentIdentifier())
                .orElseThrow(() -> ShareRefusedException.notFound(root));
        LicenceStatus status = licence.statusAt(LocalDate.now(clock.withZone(CHINA)));
        if (status != LicenceStatus.VALID) {
            throw ShareRefusedException.notInForce(root, status.name());
        }
        List<String> chosen = fieldKeys.stream().distinct().toList();
        if (chosen.isEmpty()) {
            throw new ShareRefusedException("choose at least one field to share");
        }
        for (String key : chosen) {
            if (!version.fields().containsKey(key)) {
                throw new ShareRefusedException("the licence has no field '" + key + "'");
            }
        }
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            throw new ShareRefusedException("the expiry " + expiresAt + " must be after now and at most "
                    + MAX_LIFETIME.toDays() + " days ahead");
        }
        String sealId = sealOf.apply(version)
                .orElseThrow(() ->
                        new ShareRefusedException("no seal is configured for the issuer of " + version.identifier()));
        String id = randomId();
        String credential = credential(id, version, chosen, sealId, now, expiresAt);
        Share share = new Share(
                id,
                root,
                version.identifier(),
                licence.holderCode(),
                holder.subject(),
                chosen,
                now,
                expiresAt,
                Optional.empty(),
                credential);
        shares.save(share);
        return share;
    }

    /** Withdraws one of the holder's shares; as not found if it is not theirs. */
    public void withdraw(Holder holder, String shareId) {
        Share share = shares.find(shareId)
                .filter(s -> holder.holds(s.holderCode()))
                .orElseThrow(() -> ShareRefusedException.notFound(shareId));
        shares.withdraw(share.id(), clock.instant());
        statusTokens.remove(share.id());
    }

    public Optional<Share> find(String shareId) {
        return shares.find(shareId);
    }

    public List<Share> sharesOf(String root) {
        return shares.byRoot(root);
    }

    public Instant now() {
        return clock.instant();
    }

    /** The status list URI of a share. */
    public String statusUri(String shareId) {
        return publicBaseUrl.resolve("/s/" + shareId + "/status").toString();
    }

    /** The status value of a share now: withdrawal and the licence's status (see the class comment). */
    public int statusOf(Share share) {
        if (share.withdrawnAt().isPresent()) {
            return INVALID;
        }
        LicenceStatus status = registry.findLicence(share.root())
                .map(l -> l.statusAt(LocalDate.now(clock.withZone(CHINA))))
                .orElse(LicenceStatus.CANCELLED);
        return switch (status) {
            case VALID -> VALID;
            case SUSPENDED -> SUSPENDED;
            case REVOKED, CANCELLED, EXPIRED -> INVALID;
        };
    }

    /** Resolves a status reference this service issued ({@code <base>/s/<id>/status}, idx 0); empty otherwise. */
    public Optional<Integer> resolveStatus(String uri, int index) {
        String prefix = publicBaseUrl.resolve("/s/").toString();
        if (index != 0 || !uri.startsWith(prefix) || !uri.endsWith("/status")) {
            return Optional.empty();
        }
        String id = uri.substring(prefix.length(), uri.length() - "/status".length());
        return shares.find(id).map(this::statusOf);
    }

    /**
     * The share's Token Status List token ({@code application/statuslist+jwt}), signed by the licence's seal; cached
     * for up to {@link #STATUS_TTL_SECONDS} while the status is unchanged.
     */
    public Optional<String> statusListToken(String shareId) {
        Optional<Share> found = shares.find(shareId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Share share = found.get();
        int status = statusOf(share);
        Instant now = clock.instant();
        CachedToken cached = statusTokens.get(shareId);
        if (cached != null && cached.status() == status && now.isBefore(cached.until())) {
            return Optional.of(cached.token());
        }
        LicenceVersion version = registry.findVersion(share.licenceIdentifier()).orElseThrow();
        String sealId = sealOf.apply(version).orElseThrow();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("sub", statusUri(shareId));
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", now.getEpochSecond() + 2 * STATUS_TTL_SECONDS);
        payload.put("ttl", STATUS_TTL_SECONDS);
        payload.put("status_list", Map.of("bits", 2, "lst", SdJwt.base64Url(zlib(new byte[] {(byte) (status & 0x03)
        }))));
        String token = signed(STATUS_LIST_TYPE, sealId, payload, share.licenceIdentifier());
        statusTokens.put(shareId, new CachedToken(status, token, now.plusSeconds(STATUS_TTL_SECONDS)));
        return Optional.of(token);
    }

    private String credential(
            String id, LicenceVersion version, List<String> chosen, String sealId, Instant now, Instant expiresAt) {
        List<String> revealed = new ArrayList<>();
        List<String> digests = new ArrayList<>();
        for (Map.Entry<String, String> field : version.fields().entrySet()) {
            String disclosure = SdJwt.disclosure(randomId(), field.getKey(), field.getValue());
            digests.add(SdJwt.digest(disclosure));
            if (chosen.contains(field.getKey())) {
                revealed.add(disclosure);
            }
        }
        // Decoy digests (RFC 9901 §4.2.5) so the number of fields does not tell the licence type apart.
        int decoys = 2 + random.nextInt(3);
        for (int i = 0; i < decoys; i++) {
            digests.add(SdJwt.digest(randomId()));
        }
        digests.sort(String::compareTo);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", publicBaseUrl.toString());
        payload.put("iat", now.getEpochSecond());
        payload.put("exp", expiresAt.getEpochSecond());
        payload.put("vct", VCT_PREFIX + version.typeCode());
        payload.put("licence_type", version.typeName());
        payload.put("issuer_name", version.issuerName());
        payload.put("issuer_code", version.issuerCode());
        payload.put("status", Map.of("status_list", Map.of("idx", 0, "uri", statusUri(id))));
        payload.put("_sd_alg", "sha-256");
        payload.put("_sd", digests);
        StringBuilder compact =
                new StringBuilder(signed(SD_JWT_TYPE, sealId, payload, version.identifier())).append('~');
        revealed.forEach(d -> compact.append(d).append('~'));
        return compact.toString();
    }

    private String signed(String typ, String sealId, Map<String, Object> payload, String licenceIdentifier) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "ES256");
        header.put("typ", typ);
        header.put(
                "x5c", signer.chain(sealId).stream().map(ShareService::base64).toList());
        String signingInput = SdJwt.json(header) + "." + SdJwt.json(payload);
        return signingInput + "." + SdJwt.base64Url(signer.sign(sealId, signingInput, licenceIdentifier));
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private String randomId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return SdJwt.base64Url(bytes);
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
