package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.signing.InvalidLicenceIdentifierException;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.seal.signing.SignedInfoRejectedException;
import cn.zhengyin.seal.signing.SigningRefusedException;
import cn.zhengyin.service.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/signatures/jws}: an ES256 signature by a seal's ECDSA P-256 key over a JWS signing input (the
 * licence service's SD-JWT VC shares and their Token Status List tokens). Scope {@code seal:sign}.
 */
@RestController
@RequestMapping("/api/v1/signatures")
class JwsSigningController {
    private final SealSigningService signing;

    JwsSigningController(SealSigningService signing) {
        this.signing = signing;
    }

    /**
     * @param sealId            the seal to sign with (an ECDSA P-256 seal)
     * @param signingInput      {@code BASE64URL(header).BASE64URL(payload)} as text
     * @param licenceIdentifier the licence the token is about (GB/T 36904), required: its issuer code must be the
     *                          seal's organisation, its type code one the authorisation covers and the one the
     *                          credential's vct names; recorded in the usage log
     */
    record JwsSignatureRequest(
            @NotBlank String sealId, @NotBlank String signingInput, String licenceIdentifier) {}

    /**
     * @param signatureValue   base64 of the DER ECDSA signature (SHA-256 inside)
     * @param certificateChain base64 DER certificates, the seal certificate first
     */
    record JwsSignatureResponse(String sealId, String alg, String signatureValue, List<String> certificateChain) {}

    @PostMapping("/jws")
    JwsSignatureResponse jws(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody JwsSignatureRequest request) {
        try {
            SealSigningService.XmlSignatureValue value = signing.signJws(
                    SigningCaller.of(caller),
                    request.sealId(),
                    request.signingInput().getBytes(StandardCharsets.US_ASCII),
                    request.licenceIdentifier());
            return new JwsSignatureResponse(
                    request.sealId(),
                    "ES256",
                    Base64.getEncoder().encodeToString(value.derSignature()),
                    value.certificateChain().stream()
                            .map(JwsSigningController::base64)
                            .toList());
        } catch (SealNotFoundException e) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "seal-not-found", "Seal not found", e.getMessage());
        } catch (SigningRefusedException e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "signing-refused", "Signing refused", e.getMessage());
        } catch (InvalidLicenceIdentifierException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "invalid-licence-identifier", "Invalid licence identifier", e.getMessage());
        } catch (SignedInfoRejectedException e) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "signing-input-rejected",
                    "JWS signing input rejected",
                    e.getMessage());
        }
    }

    private static String base64(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the seal certificate", e);
        }
    }
}
