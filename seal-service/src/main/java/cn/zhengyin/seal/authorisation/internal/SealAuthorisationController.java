package cn.zhengyin.seal.authorisation.internal;

import cn.zhengyin.seal.authorisation.GranteeKind;
import cn.zhengyin.seal.authorisation.SealAuthorisation;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.lifecycle.SealValidationException;
import cn.zhengyin.service.problem.ProblemException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Authorisations to use a seal over HTTP ({@code /api/v1/seals/{id}/authorisations}): {@code seal:admin} grants and
 * revokes, {@code seal:read} lists. The actor is the bearer token's subject.
 */
@RestController
@RequestMapping("/api/v1")
class SealAuthorisationController {
    private final SealLifecycleService seals;
    private final SealAuthorisationService authorisations;

    SealAuthorisationController(SealLifecycleService seals, SealAuthorisationService authorisations) {
        this.seals = seals;
        this.authorisations = authorisations;
    }

    /** @param granteeKind CLIENT (OAuth2 client id, default) or PERSON (token subject) */
    record AuthorisationRequest(
            String granteeKind,
            String grantee,
            Set<String> licenceTypes,
            Instant validFrom,
            Instant validUntil,
            String reason) {}

    @PostMapping("/seals/{id}/authorisations")
    @ResponseStatus(HttpStatus.CREATED)
    SealAuthorisation authorise(
            @AuthenticationPrincipal Jwt actor, @PathVariable String id, @RequestBody AuthorisationRequest request) {
        GranteeKind kind;
        try {
            kind = GranteeKind.valueOf(
                    Optional.ofNullable(request.granteeKind()).orElse("CLIENT").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SealValidationException("granteeKind", "granteeKind must be CLIENT or PERSON");
        }
        if (request.grantee() == null || request.grantee().isBlank()) {
            throw new SealValidationException(
                    "grantee", "grantee is required: an OAuth2 client id or a person's subject");
        }
        return authorisations.grant(
                id,
                kind,
                request.grantee().strip(),
                request.licenceTypes() == null ? Set.of() : request.licenceTypes(),
                Optional.ofNullable(request.validFrom()),
                Optional.ofNullable(request.validUntil()),
                actor.getSubject(),
                request.reason());
    }

    @GetMapping("/seals/{id}/authorisations")
    List<SealAuthorisation> authorisations(@PathVariable String id) {
        return authorisations.forSeal(id);
    }

    @DeleteMapping("/seals/{id}/authorisations/{authorisationId}")
    SealAuthorisation revokeAuthorisation(
            @AuthenticationPrincipal Jwt actor,
            @PathVariable String id,
            @PathVariable String authorisationId,
            @RequestParam(defaultValue = "") String reason) {
        seals.find(id);
        return authorisations
                .revoke(id, authorisationId, actor.getSubject(), reason)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "authorisation-not-found",
                        "Authorisation not found",
                        "seal " + id + " has no authorisation '" + authorisationId + "'"));
    }
}
