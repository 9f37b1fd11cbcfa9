package cn.zhengyin.licence.sealing.internal;

import cn.zhengyin.licence.sealing.JwsSigner;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.sealing.XmlSealer;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the sealing ports to their seal-service adapters (the HTTP client comes from the composition root). */
@Configuration(proxyBeanMethods = false)
class SealingConfiguration {

    @Bean
    LicenceSealer licenceSealer(SealServiceClient sealService) {
        return new SealServiceLicenceSealer(sealService);
    }

    @Bean
    XmlSealer xmlSealer(SealServiceClient sealService) {
        return new SealServiceXmlSealer(sealService);
    }

    @Bean
    JwsSigner jwsSigner(SealServiceClient sealService) {
        return new SealServiceJwsSigner(sealService);
    }
}
