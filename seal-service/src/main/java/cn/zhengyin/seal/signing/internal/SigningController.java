package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.signing.InvalidLicenceIdentifierException;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.seal.signing.SigningRefusedException;
import cn.zhengyin.service.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Signing endpoints. The caller is the OAuth2 client in the bearer token (scope {@code seal:sign}). */
@RestController
@RequestMapping("/api/v1/signatures")
class SigningController {
    private final SealSigningService signing;

    SigningController(SealSigningService signing) {
        this.signing = signing;
    }

    /**
     * @param sealId            the seal to sign with
     * @param digestAlgorithm   must be SHA-256
     * @param digest            base64 of the digest of the PDF's signed byte ranges
     * @param licenceIdentifier the licence being signed (GB/T 36904), recorded in the usage log: its issuer code must be
     *                          the seal's organisation and its type code one the caller's authorisation covers;
     *                          required by licence seals (电子证照专用章)
     * @param licenceType       optional licence type code the authorisation must cover (default: from the identifier);
     *                          must agree with the identifier's type code
     */
    record PadesDigestRequest(
            @NotBlank String sealId,
            String digestAlgorithm,
            @NotBlank String digest,
            String licenceIdentifier,
            String licenceType) {}

    record PadesDigestResponse(String sealId, String format, String cms) {}

    @PostMapping("/pades")
    PadesDigestResponse pades(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody PadesDigestRequest request) {
        if (request.digestAlgorithm() != null && !request.digestAlgorithm().equalsIgnoreCase("SHA-256")) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "unsupported-digest-algorithm",
                    "Unsupported digest algorithm",
                    "digestAlgorithm '" + request.digestAlgorithm() + "' is not supported; use SHA-256");
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(request.digest());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "invalid-digest", "Invalid digest", "digest is not valid base64");
        }
        if (digest.length != 32) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-digest",
                    "Invalid digest",
                    "a SHA-256 digest has 32 bytes; got " + digest.length);
        }
        try {
            byte[] cms = signing.signPadesDigest(
                    SigningCaller.of(caller),
                    request.sealId(),
                    digest,
                    request.licenceIdentifier(),
                    request.licenceType());
            return new PadesDigestResponse(
                    request.sealId(), "CMS", Base64.getEncoder().encodeToString(cms));
        } catch (SealNotFoundException e) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "seal-not-found", "Seal not found", e.getMessage());
        } catch (SigningRefusedException e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "signing-refused", "Signing refused", e.getMessage());
        } catch (InvalidLicenceIdentifierException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "invalid-licence-identifier", "Invalid licence identifier", e.getMessage());
        }
    }
}
