package cn.zhengyin.licence.wallet.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.issuance.IssueLicenceCommand;
import cn.zhengyin.licence.issuance.LicenceIssuer;
import cn.zhengyin.licence.licencetype.FieldRole;
import cn.zhengyin.licence.licencetype.LicenceType;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.registry.LicenceRegistry;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * DEVELOPMENT ONLY ({@code zhengyin.wallet.seed-samples=true}; off by default, on in {@code ./zy run}): after start-up
 * issues each template's sample licence ({@code templates/<type>/sample.json}) through the normal issuance path, as
 * the approval system whose authority issues that type (the one of the sample's {@code issuerCode} if several do;
 * each authority seals with its own seal), unless the sample's holder already has a licence of that type — so the
 * sample holders of the dev sign-in find licences in their wallet. Runs in the background and retries while the seal
 * service is not up yet.
 */
@Component
@ConditionalOnProperty(name = "zhengyin.wallet.seed-samples", havingValue = "true")
class DevSampleSeeding {
    private static final Logger LOG = LoggerFactory.getLogger(DevSampleSeeding.class);
    private final LicenceTypeCatalogue types;
    private final LicenceRegistry registry;
    private final LicenceIssuer issuer;
    private final ApprovalSystems approvalSystems;

    DevSampleSeeding(
            LicenceTypeCatalogue types,
            LicenceRegistry registry,
            LicenceIssuer issuer,
            ApprovalSystems approvalSystems) {
        this.types = types;
        this.registry = registry;
        this.issuer = issuer;
        this.approvalSystems = approvalSystems;
    }

    /** The approval system that issues this type: the one acting for the sample's issuer code, else the first. */
    Optional<String> clientFor(LicenceType type) {
        List<String> issuing = approvalSystems.clientIds().stream()
                .filter(c -> approvalSystems
                        .find(c)
                        .filter(a -> a.licenceTypes().contains(type.typeCode()))
                        .isPresent())
                .toList();
        return issuing.stream()
                .filter(c -> approvalSystems
                        .find(c)
                        .filter(a -> a.code().equals(type.sample().issuerCode()))
                        .isPresent())
                .findFirst()
                .or(() -> issuing.stream().findFirst());
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedInBackground() {
        Thread.ofVirtual().name("dev-sample-seeding").start(this::seedWithRetries);
    }

    void seedWithRetries() {
        for (int attempt = 1; attempt <= 30; attempt++) {
            try {
                seed();
                return;
            } catch (RuntimeException e) {
                LOG.info("DEV sample seeding attempt {} failed ({}); retrying in 4 s", attempt, e.getMessage());
                try {
                    Thread.sleep(4000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warn("DEV sample seeding gave up: the wallet's sample holders have no licences");
    }

    /** Issues the samples that are missing; returns how many it issued. */
    int seed() {
        int issued = 0;
        for (LicenceType type : types.all()) {
            if (type.sample() == null) {
                continue;
            }
            Optional<String> holderCode = type.fieldWithRole(FieldRole.HOLDER_CODE)
                    .map(f -> String.valueOf(type.sample().fieldValues().get(f.key())));
            if (holderCode.isEmpty()
                    || registry.findByHolderCodes(java.util.List.of(holderCode.get())).stream()
                            .anyMatch(l -> l.typeCode().equals(type.typeCode()))) {
                continue;
            }
            Optional<String> client = clientFor(type);
            if (client.isEmpty()) {
                LOG.warn("DEV sample of {} not issued: no approval system issues {}", type.slug(), type.typeCode());
                continue;
            }
            // the issuing authority and the issue date are the approval system's and today's, as in real issuance
            java.util.Map<String, Object> values =
                    new java.util.LinkedHashMap<>(type.sample().fieldValues());
            type.fieldWithRole(FieldRole.ISSUING_AUTHORITY).ifPresent(f -> values.remove(f.key()));
            type.fieldWithRole(FieldRole.ISSUE_DATE).ifPresent(f -> values.remove(f.key()));
            if (type.descriptor().validity() instanceof cn.zhengyin.licence.licencetype.ValidityRule.FixedYears) {
                type.fieldWithRole(FieldRole.VALIDITY_END).ifPresent(f -> values.remove(f.key()));
            }
            var result = issuer.issue(new IssueLicenceCommand(
                    client.get(),
                    type.typeCode(),
                    "DEV-SAMPLE-" + type.slug(),
                    values,
                    Optional.of("dev-sample-" + type.slug())));
            LOG.info(
                    "DEV sample licence {} issued by {} for holder {}",
                    result.version().identifier(),
                    client.get(),
                    holderCode.get());
            issued++;
        }
        return issued;
    }
}
