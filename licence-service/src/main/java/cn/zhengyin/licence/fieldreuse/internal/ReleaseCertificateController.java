package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.FieldReuse;
import cn.zhengyin.trust.pki.Pem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/field-releases/certificate} (public): the certificate chain of the key that signs field
 * releases, PEM, signer first. A relying party pins it or checks the JWS's {@code x5c} chain to the trust anchor.
 */
@RestController
class ReleaseCertificateController {
    private final FieldReuse fieldReuse;

    ReleaseCertificateController(FieldReuse fieldReuse) {
        this.fieldReuse = fieldReuse;
    }

    @GetMapping("/api/v1/field-releases/certificate")
    ResponseEntity<String> certificate() {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/pem-certificate-chain"))
                .body(Pem.certificates(fieldReuse.releaseCertificateChain()));
    }
}
