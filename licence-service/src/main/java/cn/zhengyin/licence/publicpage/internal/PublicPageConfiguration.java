package cn.zhengyin.licence.publicpage.internal;

import cn.zhengyin.licence.registry.LicenceRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PublicPageConfiguration {
    @Bean
    LicenceStatusPage licenceStatusPage(LicenceRegistry registry, Clock clock) {
        return new LicenceStatusPage(registry, clock);
    }
}
