package cn.zhengyin.licence.receipt.internal;

import cn.zhengyin.licence.receipt.ReportReceipts;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the receipt signer. Its key is the dev PKI's {@code report-signer} credential (keys-dev/report-signer.p12,
 * ECDSA P-256, issued by the dev seal CA), not the transparency log's; production points
 * {@code zhengyin.receipts.key-store} at the service's own report-signing key (or replaces this bean with an
 * HSM-backed {@link SigningKey}).
 */
@Configuration(proxyBeanMethods = false)
class ReceiptConfiguration {

    @Bean
    ReportReceipts reportReceipts(
            JsonMapper json,
            Clock clock,
            @Value("${zhengyin.receipts.key-store:keys-dev/report-signer.p12}") Path keyStore,
            @Value("${zhengyin.receipts.key-password:zhengyin-dev}") String password,
            @Value("${zhengyin.receipts.key-alias:report-signer}") String alias,
            @Value("${zhengyin.receipts.issuer:${zhengyin.public-base-url:zhengyin-licence-service}}") String issuer) {
        Providers.bouncyCastle();
        SigningKey key = SoftwareKeyCustody.loadPkcs12("report-signer", keyStore, password.toCharArray(), alias);
        return new ReportReceipts(key, json, clock, issuer);
    }
}
