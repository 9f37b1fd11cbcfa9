package cn.zhengyin.licence.rendition.internal;

import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.rendition.LicenceJsonRenderer;
import cn.zhengyin.licence.rendition.LicenceOfdRenderer;
import cn.zhengyin.licence.rendition.LicencePdfRenderer;
import cn.zhengyin.licence.rendition.LicenceXmlRenderer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the renderers (PDF, OFD, XML, JSON). */
@Configuration(proxyBeanMethods = false)
class RenditionConfiguration {

    @Bean
    LicencePdfRenderer licencePdfRenderer() {
        return new LicencePdfRenderer();
    }

    @Bean
    LicenceOfdRenderer licenceOfdRenderer() {
        return new LicenceOfdRenderer();
    }

    @Bean
    LicenceXmlRenderer licenceXmlRenderer() {
        return new LicenceXmlRenderer();
    }

    @Bean
    LicenceJsonRenderer licenceJsonRenderer(LicenceTypeCatalogue types) {
        return new LicenceJsonRenderer(types);
    }
}
