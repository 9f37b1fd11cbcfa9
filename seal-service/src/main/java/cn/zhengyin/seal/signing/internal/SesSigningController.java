package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.signing.InvalidLicenceIdentifierException;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.seal.signing.SesealUnavailableException;
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

/**
 * GB/T 38540 electronic seal signature endpoint (电子签章). The caller is the OAuth2 client in the bearer token (scope
 * {@code seal:sign}); it keeps the original and sends only its SM3 hash and the protected scope.
 */
@RestController
@RequestMapping("/api/v1/signatures")
class SesSigningController {
    /** propertyInfo is a short IA5 path or description, e.g. /Doc_0/Signs/Sign_0/Signature.xml. */
    static final int MAX_PROPERTY_INFO_CHARS = 1024;

    private final SealSigningService signing;

    SesSigningController(SealSigningService signing) {
        this.signing = signing;
    }

    /**
     * @param sealId            the seal to sign with (one with a GB/T 38540 SESeal and an SM2 certificate)
     * @param dataHash          base64 of the SM3 hash (32 bytes) of the signed original
     * @param propertyInfo      the original's attributes including the protected scope (签名保护范围), ASCII (IA5)
     * @param licenceIdentifier the licence being signed (GB/T 36904), recorded in the usage log: issuer code = the
     *                          seal's organisation, type code covered by the authorisation; required by licence seals
     */
    record SesSignatureRequest(
            @NotBlank String sealId, String dataHash, String propertyInfo, String licenceIdentifier) {}

    /** @param sesSignature base64 of the DER SES_Signature (v4) */
    record SesSignatureResponse(String sealId, String format, String sesSignature) {}

    @PostMapping("/ses")
    SesSignatureResponse ses(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody SesSignatureRequest request) {
        byte[] hash = dataHash(request.dataHash());
        String propertyInfo = propertyInfo(request.propertyInfo());
        try {
            byte[] signature = signing.signSes(
                    SigningCaller.of(caller), request.sealId(), hash, propertyInfo, request.licenceIdentifier());
            return new SesSignatureResponse(
                    request.sealId(), "SES", Base64.getEncoder().encodeToString(signature));
        } catch (SealNotFoundException e) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "seal-not-found", "Seal not found", e.getMessage());
        } catch (SigningRefusedException e) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "signing-refused", "Signing refused", e.getMessage());
        } catch (InvalidLicenceIdentifierException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST, "invalid-licence-identifier", "Invalid licence identifier", e.getMessage());
        } catch (SesealUnavailableException e) {
            throw new ProblemException(
                    HttpStatus.CONFLICT, "seseal-unavailable", "Seal has no GB/T 38540 SESeal", e.getMessage());
        }
    }

    private static byte[] dataHash(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw invalid(
                    "invalid-data-hash",
                    "Invalid data hash",
                    "dataHash is required: base64 of the SM3 hash" + " (32 bytes) of the signed original");
        }
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw invalid("invalid-data-hash", "Invalid data hash", "dataHash is not valid base64");
        }
        if (hash.length != 32) {
            throw invalid("invalid-data-hash", "Invalid data hash", "an SM3 hash has 32 bytes; got " + hash.length);
        }
        return hash;
    }

    private static String propertyInfo(String value) {
        if (value == null || value.isBlank()) {
            throw invalid(
                    "invalid-property-info",
                    "Invalid propertyInfo",
                    "propertyInfo is required: GB/T 38540"
                            + " needs the signature's protected scope (签名保护范围), e.g. /Doc_0/Signs/Sign_0/Signature.xml");
        }
        if (value.length() > MAX_PROPERTY_INFO_CHARS) {
            throw invalid(
                    "invalid-property-info",
                    "Invalid propertyInfo",
                    "propertyInfo has " + value.length() + " characters; at most " + MAX_PROPERTY_INFO_CHARS
                            + " are accepted");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) > 0x7f) {
                throw invalid(
                        "invalid-property-info",
                        "Invalid propertyInfo",
                        "propertyInfo is an IA5String in"
                                + " GB/T 38540, so only ASCII characters are allowed; found '" + value.charAt(i)
                                + "' at index " + i + " (percent-encode non-ASCII path segments)");
            }
        }
        return value;
    }

    private static ProblemException invalid(String type, String title, String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, type, title, detail);
    }
}
