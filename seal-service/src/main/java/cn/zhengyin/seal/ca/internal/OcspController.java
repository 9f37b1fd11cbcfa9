package cn.zhengyin.seal.ca.internal;

import cn.zhengyin.seal.ca.OcspResponder;
import cn.zhengyin.service.problem.ProblemException;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seal CA's OCSP responder over HTTP (RFC 6960 Appendix A): {@code POST /ocsp} with a DER OCSPRequest as
 * {@code application/ocsp-request}, or {@code GET /ocsp/<base64 of the DER request>} (standard base64 with '/'
 * percent-encoded is refused by Tomcat's encoded-slash rule, so base64url is accepted too); the answer is a DER
 * OCSPResponse as {@code application/ocsp-response}.
 */
@RestController
class OcspController {
    static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final MediaType OCSP_RESPONSE = MediaType.parseMediaType("application/ocsp-response");
    private final OcspResponder responder;

    OcspController(OcspResponder responder) {
        this.responder = responder;
    }

    @PostMapping(value = "/ocsp", consumes = "application/ocsp-request", produces = "application/ocsp-response")
    ResponseEntity<byte[]> post(@RequestBody byte[] request) {
        return answer(request);
    }

    @GetMapping(value = "/ocsp/{encoded:.+}", produces = "application/ocsp-response")
    ResponseEntity<byte[]> get(@PathVariable String encoded) {
        byte[] request;
        try {
            request = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            try {
                request = Base64.getUrlDecoder().decode(encoded);
            } catch (IllegalArgumentException e2) {
                throw new ProblemException(
                        HttpStatus.BAD_REQUEST,
                        "invalid-ocsp-request",
                        "Invalid OCSP request",
                        "the path after /ocsp/ is not base64 of a DER OCSPRequest (RFC 6960 A.1)");
            }
        }
        return answer(request);
    }

    private ResponseEntity<byte[]> answer(byte[] request) {
        if (request.length > MAX_REQUEST_BYTES) {
            throw new ProblemException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "request-too-large",
                    "Request too large",
                    "an OCSP request has at most " + MAX_REQUEST_BYTES + " bytes");
        }
        return ResponseEntity.ok()
                .contentType(OCSP_RESPONSE)
                .cacheControl(CacheControl.noCache())
                .body(responder.respond(request));
    }
}
