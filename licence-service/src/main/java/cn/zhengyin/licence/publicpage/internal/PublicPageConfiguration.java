package cn.zhengyin.licence.publicpage.internal;

import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.registry.LicenceRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PublicPageConfiguration {
    /** The verification page's answer to an upload that cannot be read (review #14, finding 8). */
    @Bean
    UnreadableUploadPage unreadableUploadPage() {
        return new UnreadableUploadPage();
    }

    @Bean
    LicenceStatusPage licenceStatusPage(LicenceRegistry registry, LicenceTypeCatalogue types, Clock clock) {
        return new LicenceStatusPage(registry, types, clock);
    }
}
