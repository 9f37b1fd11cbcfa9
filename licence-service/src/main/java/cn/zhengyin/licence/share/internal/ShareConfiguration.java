package cn.zhengyin.licence.share.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.registry.LicenceRegistry;
import cn.zhengyin.licence.registry.PublicLinks;
import cn.zhengyin.licence.sealing.JwsSigner;
import cn.zhengyin.licence.share.ShareService;
import cn.zhengyin.licence.share.ShareStore;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires sharing: its Mongo store and the service. */
@Configuration(proxyBeanMethods = false)
class ShareConfiguration {

    @Bean
    ShareStore shareStore(MongoDatabase database) {
        return new MongoShareStore(database);
    }

    /** A licence version is signed by the seal of its issuing authority (each authority seals with its own seal). */
    @Bean
    ShareService shareService(
            LicenceRegistry registry,
            ShareStore shares,
            JwsSigner signer,
            ApprovalSystems approvalSystems,
            PublicLinks links,
            Clock clock) {
        return new ShareService(
                registry,
                shares,
                signer,
                version -> approvalSystems.sealOf(version.issuerCode()),
                links.baseUrl(),
                clock);
    }
}
