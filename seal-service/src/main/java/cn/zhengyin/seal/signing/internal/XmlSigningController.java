package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.signing.InvalidLicenceIdentifierException;
import cn.zhengyin.seal.signing.SealSigningService;
import cn.zhengyin.seal.signing.SignedInfoRejectedException;
import cn.zhengyin.seal.signing.SigningRefusedException;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.trust.xml.SignedInfoPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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
 * XML signature endpoint (XAdES enveloped signatures of licence documents). The caller is the OAuth2 client in the
 * bearer token (scope {@code seal:sign}); it keeps the document and sends only the canonical SignedInfo.
 */
@RestController
@RequestMapping("/api/v1/signatures")
class XmlSigningController {
    /** A canonical SignedInfo of two references is well under 2 KB; this bounds the parse. */
    static final int MAX_SIGNED_INFO_BYTES = 16 * 1024;

    private final SealSigningService signing;

    XmlSigningController(SealSigningService signing) {
        this.signing = signing;
    }

    /**
     * @param sealId            the seal to sign with (an ECDSA P-256 seal)
     * @param signedInfo        base64 of the exclusive-c14n bytes of the ds:SignedInfo to sign
     * @param licenceIdentifier the licence being signed (GB/T 36904), recorded in the usage log: issuer code = the
     *                          seal's organisation, type code covered by the authorisation; required by licence seals
     */
    record XmlSignatureRequest(
            @NotBlank String sealId, @NotBlank String signedInfo, String licenceIdentifier) {}

    /**
     * @param signatureMethod  the XMLDSig SignatureMethod URI the value is for
     * @param signatureValue   base64 of the DER ECDSA signature over the SignedInfo bytes (SHA-256 inside)
     * @param certificateChain base64 DER certificates, the seal certificate first
     */
    record XmlSignatureResponse(
            String sealId,
            String format,
            String signatureMethod,
            String signatureValue,
            List<String> certificateChain) {}

    @PostMapping("/xml")
    XmlSignatureResponse xml(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody XmlSignatureRequest request) {
        byte[] signedInfo;
        try {
            signedInfo = Base64.getDecoder().decode(request.signedInfo());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-signed-info",
                    "Invalid SignedInfo",
                    "signedInfo is not valid base64");
        }
        if (signedInfo.length > MAX_SIGNED_INFO_BYTES) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-signed-info",
                    "Invalid SignedInfo",
                    "signedInfo has " + signedInfo.length + " bytes; at most " + MAX_SIGNED_INFO_BYTES
                            + " are accepted");
        }
        try {
            SealSigningService.XmlSignatureValue value = signing.signXmlSignedInfo(
                    SigningCaller.of(caller), request.sealId(), signedInfo, request.licenceIdentifier());
            return new XmlSignatureResponse(
                    request.sealId(),
                    "XAdES",
                    SignedInfoPolicy.ECDSA_SHA256,
                    Base64.getEncoder().encodeToString(value.derSignature()),
                    value.certificateChain().stream()
                            .map(XmlSigningController::base64)
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
                    HttpStatus.UNPROCESSABLE_CONTENT, "signed-info-rejected", "SignedInfo rejected", e.getMessage());
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
