package cn.zhengyin.licence.sealing.internal;

import cn.zhengyin.licence.sealing.JointSealing;
import cn.zhengyin.licence.sealing.JwsSigner;
import cn.zhengyin.licence.sealing.LicenceSealer;
import cn.zhengyin.licence.sealing.OfdSealer;
import cn.zhengyin.licence.sealing.XmlSealer;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the sealing ports to their seal-service adapters (the HTTP client comes from the composition root). */
@Configuration(proxyBeanMethods = false)
class SealingConfiguration {

    @Bean
    LicenceSealer licenceSealer(SealServiceClient sealService, Clock clock) {
        return new SealServiceLicenceSealer(sealService, SealServiceLicenceSealer.DEFAULT_LTV_MAX_AGE, clock);
    }

    @Bean
    XmlSealer xmlSealer(SealServiceClient sealService, Clock clock) {
        return new SealServiceXmlSealer(sealService, clock);
    }

    @Bean
    OfdSealer ofdSealer(SealServiceClient sealService) {
        return new SealServiceOfdSealer(sealService);
    }

    @Bean
    JointSealing jointSealing(SealServiceClient sealService) {
        return new SealServiceJointSealing(sealService);
    }

    @Bean
    JwsSigner jwsSigner(SealServiceClient sealService) {
        return new SealServiceJwsSigner(sealService);
    }
}
