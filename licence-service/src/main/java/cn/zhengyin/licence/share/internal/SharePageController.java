package cn.zhengyin.licence.share.internal;

import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.monitoring.LicenceMetrics;
import cn.zhengyin.licence.pages.Views;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.share.Share;
import cn.zhengyin.licence.share.ShareService;
import cn.zhengyin.licence.share.ShareVerifier;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Public share pages: {@code GET /s/{id}} (the link and QR code of a share: only the chosen fields, the licence's
 * status now and the verdict of verifying the SD-JWT VC server-side), {@code GET /s/{id}/credential} (the SD-JWT VC
 * itself, {@code application/dc+sd-jwt}) and {@code GET /s/{id}/status} (its Token Status List token,
 * {@code application/statuslist+jwt}).
 */
@Controller
class SharePageController {
    static final MediaType SD_JWT = MediaType.parseMediaType("application/dc+sd-jwt");
    static final MediaType STATUS_LIST_JWT = MediaType.parseMediaType("application/statuslist+jwt");
    private final ShareService shares;
    private final ShareVerifier verifier;
    private final LicenceRegistry registry;
    private final LicenceTypeCatalogue types;
    private final LicenceMetrics metrics;

    SharePageController(
            ShareService shares,
            ShareVerifier verifier,
            LicenceRegistry registry,
            LicenceTypeCatalogue types,
            LicenceMetrics metrics) {
        this.shares = shares;
        this.verifier = verifier;
        this.registry = registry;
        this.types = types;
        this.metrics = metrics;
    }

    @GetMapping("/s/{id}")
    String page(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        Optional<Share> found = shares.find(id);
        if (found.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("state", "not-found");
            return "share";
        }
        Share share = found.get();
        metrics.share("opened");
        Share.State state = share.stateAt(shares.now());
        model.addAttribute("state", state.name().toLowerCase(Locale.ROOT));
        model.addAttribute("expiresAt", Views.time(share.expiresAt()));
        model.addAttribute("withdrawnAt", share.withdrawnAt().map(Views::time).orElse(""));
        if (state != Share.State.ACTIVE) {
            response.setStatus(HttpStatus.GONE.value());
            return "share";
        }
        ShareVerifier.Verdict verdict = verifier.verify(share.credential());
        var version = registry.findVersion(share.licenceIdentifier());
        String typeCode = verdict.vct()
                .filter(v -> v.startsWith(ShareService.VCT_PREFIX))
                .map(v -> v.substring(ShareService.VCT_PREFIX.length()))
                .orElse("");
        Map<String, String> disclosed = new LinkedHashMap<>(verdict.disclosed());
        model.addAttribute("verdict", verdict);
        model.addAttribute("indication", verdict.indication().name());
        model.addAttribute("fields", Views.fields(disclosed, types.find(typeCode), locale));
        model.addAttribute("typeName", version.map(v -> v.typeName()).orElse(""));
        model.addAttribute("issuerName", version.map(v -> v.issuerName()).orElse(""));
        String licenceStatus = registry.findLicence(share.root())
                .map(l -> Views.status(l.statusAt(java.time.LocalDate.ofInstant(shares.now(), Views.CHINA))))
                .orElse("cancelled");
        model.addAttribute("licenceStatus", licenceStatus);
        // the headline follows the conclusion, as on /verify: green only when the credential is authentic AND the
        // licence is in force now
        model.addAttribute("conclusion", conclusion(verdict, licenceStatus));
        model.addAttribute("signer", verdict.signer().map(Views::sealName).orElse(""));
        model.addAttribute("issuedAt", verdict.issuedAt().map(Views::time).orElse(""));
        model.addAttribute("credentialUrl", "/s/" + id + "/credential");
        return "share";
    }

    @GetMapping("/s/{id}/credential")
    ResponseEntity<String> credential(@PathVariable String id) {
        Optional<Share> share = shares.find(id);
        if (share.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        if (share.get().stateAt(shares.now()) != Share.State.ACTIVE) {
            return ResponseEntity.status(HttpStatus.GONE)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("this share is "
                            + share.get().stateAt(shares.now()).name().toLowerCase(Locale.ROOT) + "\n");
        }
        return ResponseEntity.ok()
                .contentType(SD_JWT)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(share.get().credential());
    }

    @GetMapping("/s/{id}/status")
    ResponseEntity<String> status(@PathVariable String id) {
        return shares.statusListToken(id)
                .map(token -> ResponseEntity.ok()
                        .contentType(STATUS_LIST_JWT)
                        .header(HttpHeaders.CACHE_CONTROL, "max-age=" + ShareService.STATUS_TTL_SECONDS)
                        .body(token))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /**
     * VALID only when the credential is authentic and the licence is in force; a licence taken out of force (its
     * status-list entry set, every other check passed) is NOT_IN_FORCE, not a forgery.
     */
    static String conclusion(ShareVerifier.Verdict verdict, String licenceStatus) {
        boolean inForce = "valid".equals(licenceStatus);
        boolean authentic = verdict.checks().stream()
                .filter(c -> !c.id().equals("status"))
                .allMatch(c -> c.outcome() == cn.zhengyin.trust.validation.Outcome.PASSED
                        || c.outcome() == cn.zhengyin.trust.validation.Outcome.WARNING);
        if (!inForce && authentic) {
            return "NOT_IN_FORCE";
        }
        return switch (verdict.indication()) {
            case TOTAL_FAILED -> "FAILED";
            case INDETERMINATE -> "INDETERMINATE";
            case TOTAL_PASSED -> inForce ? "VALID" : "NOT_IN_FORCE";
        };
    }
}
