package cn.zhengyin.seal.lifecycle.internal;

import cn.zhengyin.seal.image.SealImages;
import cn.zhengyin.seal.lifecycle.CertificateStatusListener;
import cn.zhengyin.seal.lifecycle.LibrarySealImageMaker;
import cn.zhengyin.seal.lifecycle.SealCertificateAuthority;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealStructureMaker;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.trust.crypto.KeyCustody;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the seal lifecycle's own parts: the audited Mongo seal store, the image maker backed by the image library and
 * the {@link SealLifecycleService}. Its ports come from the composition root ({@code cn.zhengyin.seal.config}): the
 * {@link KeyCustody}, the {@link SealCertificateAuthority}, the {@link CertificateStatusListener} (the CA's revocation
 * lists) and, when provided, a {@link SealStructureMaker} (without one every seal is made with its SESeal pending).
 */
@Configuration(proxyBeanMethods = false)
class SealLifecycleConfiguration {

    @Bean
    SealRepository sealRepository(MongoDatabase database, AuditLog audit) {
        return new AuditedSealRepository(new MongoSealRepository(database), audit);
    }

    @Bean
    LibrarySealImageMaker sealImageMaker(SealImages images) {
        return new LibrarySealImageMaker(images);
    }

    @Bean
    SealLifecycleService sealLifecycleService(
            SealRepository seals,
            KeyCustody custody,
            SealCertificateAuthority ca,
            SealImageMaker images,
            ObjectProvider<SealStructureMaker> structures,
            CertificateStatusListener certificateStatus,
            Clock clock) {
        return new SealLifecycleService(
                seals,
                custody,
                ca,
                images,
                structures.getIfAvailable(SealStructureMaker::pending),
                certificateStatus,
                clock,
                SealLifecycleService.randomIds());
    }
}
