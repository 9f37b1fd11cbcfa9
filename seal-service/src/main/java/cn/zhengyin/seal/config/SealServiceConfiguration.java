package cn.zhengyin.seal.config;

import cn.zhengyin.seal.authorisation.GranteeDirectory;
import cn.zhengyin.seal.authorisation.SealAuthorisationService;
import cn.zhengyin.seal.lifecycle.SealImageMaker;
import cn.zhengyin.seal.lifecycle.SealRepository;
import cn.zhengyin.seal.lifecycle.SealStructureMaker;
import cn.zhengyin.seal.premade.PreMadeSealImporter;
import cn.zhengyin.trust.SuppressForbidden;
import cn.zhengyin.trust.crypto.KeyCustody;
import cn.zhengyin.trust.crypto.Providers;
import cn.zhengyin.trust.timestamp.InProcessTimestampSource;
import cn.zhengyin.trust.timestamp.TimestampAuthority;
import cn.zhengyin.trust.timestamp.TimestampSource;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Composition root of the seal service: the one {@link Clock}, the keys from the keys directory, the time-stamping
 * authority and the start-up import of pre-made seals. With {@link KeyCustodyConfiguration},
 * {@link CertificateAuthorityConfiguration}, {@link SesSigningConfiguration} and the security chain it is the only
 * place that knows which implementations the features' ports get; the features ({@code lifecycle}, {@code signing},
 * …) never import this package.
 */
@Configuration(proxyBeanMethods = false)
public class SealServiceConfiguration {

    SealServiceConfiguration() {
        Providers.bouncyCastle();
    }

    /** The service's only clock; everything else gets it injected (SealServiceArchitectureTest). */
    @Bean
    @SuppressForbidden // the composition root makes the one clock
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The key files of the keys directory, each read once at start-up ({@link KeyFiles}). */
    @Bean
    KeyFiles keyFiles(SealServiceProperties properties) {
        return new KeyFiles(properties);
    }

    @Bean
    TimestampAuthority timestampAuthority(SealServiceProperties properties, KeyFiles keys, Clock clock) {
        SecureRandom random = new SecureRandom();
        return new TimestampAuthority(
                keys.signingKey(properties.tsaKey()),
                TimestampAuthority.DEV_POLICY_OID,
                clock,
                () -> new BigInteger(127, random).add(BigInteger.ONE),
                Duration.ofSeconds(1));
    }

    @Bean
    TimestampSource timestampSource(TimestampAuthority authority) {
        return new InProcessTimestampSource(authority);
    }

    /**
     * Who may be named in an authorisation to use a seal: the clients and people of {@code zhengyin.grantees}, and the
     * seal console's dev sign-in people ({@code zhengyin.console.dev-sign-in.people}) while that sign-in is enabled
     * (their ids are the people's subjects in the console's events).
     */
    @Bean
    GranteeDirectory granteeDirectory(SealServiceProperties properties, Environment environment) {
        Binder binder = Binder.get(environment);
        Set<String> people = new HashSet<>(properties.grantees().people());
        if (binder.bind("zhengyin.console.dev-sign-in.enabled", Boolean.class).orElse(false)) {
            binder.bind("zhengyin.console.dev-sign-in.people", Bindable.listOf(PersonId.class))
                    .orElse(List.of())
                    .forEach(p -> people.add(p.id().strip()));
        }
        return new GranteeDirectory(Set.copyOf(properties.grantees().clients()), people);
    }

    /** The one property of a console sample person the directory needs. */
    record PersonId(String id) {}

    /** Imports the seals of {@code zhengyin.seals} (keys made beforehand) at start-up; a second run does nothing. */
    @Bean
    ApplicationRunner preMadeSeals(
            SealServiceProperties properties,
            SealRepository seals,
            SealAuthorisationService authorisations,
            KeyCustody custody,
            SealImageMaker images,
            ObjectProvider<SealStructureMaker> structures,
            Clock clock) {
        PreMadeSealImporter importer = new PreMadeSealImporter(
                seals, authorisations, images, structures.getIfAvailable(SealStructureMaker::pending), clock);
        return args -> properties
                .seals()
                .forEach(spec -> importer.importIfAbsent(
                        spec.toPreMadeSeal(),
                        custody.signingKey(spec.key()),
                        spec.sm2KeyName().map(custody::signingKey)));
    }
}
