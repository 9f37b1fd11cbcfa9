package cn.zhengyin.licence.archive.internal;

import cn.zhengyin.licence.archive.ArchiveRenewal;
import cn.zhengyin.licence.archive.ArchiveRenewalException;
import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.LicenceVersion;
import cn.zhengyin.licence.registry.Rendition;
import cn.zhengyin.service.problem.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/licences/{identifier}/archive-renewals} (scope {@code licence:status}): the approval system of
 * the licence's own authority renews the archive time-stamp of a version's PDF now. Body {@code {"force": false}}
 * renews only when due (the scheduled job's rule); without it the renewal is made. 201 with the new file's hashes, or
 * 200 when it was not due.
 */
@RestController
class ArchiveRenewalController {
    private final ArchiveRenewal renewal;
    private final ApprovalSystems approvalSystems;
    private final LicenceRegistry registry;

    ArchiveRenewalController(ArchiveRenewal renewal, ApprovalSystems approvalSystems, LicenceRegistry registry) {
        this.renewal = renewal;
        this.approvalSystems = approvalSystems;
        this.registry = registry;
    }

    record RenewalRequest(Boolean force) {}

    record RenewalResponse(
            String identifier, boolean renewed, String reason, String kind, Long size, String sha256, String sm3) {}

    @PostMapping("/api/v1/licences/{identifier}/archive-renewals")
    ResponseEntity<RenewalResponse> renew(
            @AuthenticationPrincipal Jwt caller,
            @PathVariable String identifier,
            @RequestBody(required = false) RenewalRequest body) {
        IssuingAuthority authority = approvalSystems
                .find(caller.getSubject())
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "not-an-approval-system",
                        "Not an approval system",
                        "client '" + caller.getSubject() + "' is not a registered approval system"));
        LicenceVersion version = registry.findVersion(identifier)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND, "licence-not-found", "Licence not found", "no licence " + identifier));
        if (!version.issuerCode().equals(authority.code())) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "not-own-licence",
                    "Another authority's licence",
                    "approval system '" + caller.getSubject() + "' may renew only licences of its own authority "
                            + authority.code());
        }
        boolean force = body == null || body.force() == null || body.force();
        ArchiveRenewal.Outcome outcome;
        try {
            outcome = renewal.renew(identifier, force);
        } catch (ArchiveRenewalException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "archive-renewal-impossible", "Cannot renew", e.getMessage());
        }
        Rendition r = outcome.rendition().orElse(null);
        RenewalResponse response = new RenewalResponse(
                identifier,
                outcome.renewed(),
                outcome.reason(),
                r == null ? null : r.kind(),
                r == null ? null : r.size(),
                r == null ? null : r.sha256(),
                r == null ? null : r.sm3());
        return ResponseEntity.status(outcome.renewed() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(response);
    }
}
