package cn.zhengyin.licence.monitoring.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.sealing.client.SealServiceClient;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The seal service as the licence service sees it: with its own client-credentials token it reads the state of every
 * seal an approval system seals with. UP when each is ISSUED; DOWN when the seal service cannot be reached, refuses
 * the token, or a seal is not ISSUED (that authority's issuances would fail).
 */
final class SealServiceHealthIndicator implements HealthIndicator {
    private final SealServiceClient sealService;
    private final ApprovalSystems approvalSystems;

    SealServiceHealthIndicator(SealServiceClient sealService, ApprovalSystems approvalSystems) {
        this.sealService = sealService;
        this.approvalSystems = approvalSystems;
    }

    @Override
    public Health health() {
        SortedSet<String> sealIds = new TreeSet<>();
        for (String client : approvalSystems.clientIds()) {
            approvalSystems.find(client).map(IssuingAuthority::sealId).ifPresent(sealIds::add);
        }
        Map<String, String> states = new TreeMap<>();
        boolean allIssued = true;
        for (String sealId : sealIds) {
            String state;
            try {
                state = sealService.sealState(sealId);
            } catch (RuntimeException e) {
                return Health.down()
                        .withDetail("seal", sealId)
                        .withDetail("error", e.getMessage())
                        .build();
            }
            states.put(sealId, state);
            allIssued &= "ISSUED".equals(state);
        }
        return (allIssued ? Health.up() : Health.down())
                .withDetail("seals", states)
                .build();
    }
}
