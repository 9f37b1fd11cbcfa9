package cn.zhengyin.seal.ca.internal;

import cn.zhengyin.seal.ca.RevocationLists;
import cn.zhengyin.service.problem.ProblemException;
import java.security.cert.CRLException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the CAs' certificate revocation lists at the CRL distribution points written into the certificates
 * ({@code /crl/<ca>.crl}, DER, {@code application/pkix-crl}, RFC 5280 §4.2.1.13).
 */
@RestController
class CrlController {
    private final RevocationLists lists;

    CrlController(RevocationLists lists) {
        this.lists = lists;
    }

    @GetMapping("/crl/{file:.+}")
    ResponseEntity<byte[]> crl(@PathVariable String file) throws CRLException {
        String name = file.endsWith(".crl") ? file.substring(0, file.length() - 4) : file;
        var crl = lists.current(name)
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.NOT_FOUND,
                        "crl-not-found",
                        "CRL not found",
                        "there is no CRL for a CA named '" + name + "'"));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/pkix-crl"))
                .cacheControl(CacheControl.noCache())
                .body(crl.getEncoded());
    }
}
