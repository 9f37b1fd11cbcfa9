package cn.zhengyin.licence.bulkimport.internal;

import cn.zhengyin.licence.issuance.LicenceIssuer;
import cn.zhengyin.licence.monitoring.LicenceMetrics;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Wires the bulk import. {@code zhengyin.bulk-import.workers} (default 6): lines of one import issued at once. */
@Configuration(proxyBeanMethods = false)
class BulkImportConfiguration {

    @Bean
    BulkImporter bulkImporter(
            LicenceIssuer issuer,
            Clock clock,
            @Value("${zhengyin.bulk-import.workers:6}") int workers,
            LicenceMetrics metrics) {
        return new BulkImporter(issuer, workers, clock, JsonMapper.builder().build(), metrics);
    }
}
