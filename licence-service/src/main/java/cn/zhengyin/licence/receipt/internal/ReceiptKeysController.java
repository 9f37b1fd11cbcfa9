package cn.zhengyin.licence.receipt.internal;

import cn.zhengyin.licence.receipt.ReportReceipts;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/verifications/receipt-keys}: the public keys receipts are signed with, as a JWKS (RFC 7517),
 * each key with its {@code kid} and {@code x5c} chain. Public.
 */
@RestController
class ReceiptKeysController {
    private final ReportReceipts receipts;

    ReceiptKeysController(ReportReceipts receipts) {
        this.receipts = receipts;
    }

    @GetMapping(
            value = "/api/v1/verifications/receipt-keys",
            produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
    Map<String, Object> keys() {
        return receipts.jwks();
    }
}
