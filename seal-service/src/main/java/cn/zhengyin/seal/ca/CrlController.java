package cn.zhengyin.seal.ca;

import cn.zhengyin.seal.config.SealServiceProperties;
import cn.zhengyin.service.problem.ProblemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
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
    private static final Pattern CA_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private final Path keysDirectory;

    CrlController(SealServiceProperties properties) {
        this.keysDirectory = properties.keysDirectory();
    }

    @GetMapping("/crl/{file:.+}")
    ResponseEntity<byte[]> crl(@PathVariable String file) throws IOException {
        String name = file.endsWith(".crl") ? file.substring(0, file.length() - 4) : file;
        Path path = keysDirectory.resolve(name + ".crl");
        if (!CA_NAME.matcher(name).matches() || !Files.isRegularFile(path)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "crl-not-found", "CRL not found",
                    "there is no CRL for a CA named '" + name + "'");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/pkix-crl"))
                .cacheControl(CacheControl.noCache()).body(Files.readAllBytes(path));
    }
}
