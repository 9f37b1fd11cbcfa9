package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.lifecycle.SealLifecycleService;
import cn.zhengyin.seal.signing.SealUsage;
import cn.zhengyin.seal.signing.SealUsageLog;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seal usage records over HTTP, newest first: one seal's ({@code /api/v1/seals/{id}/usages}) and an
 * organisation's ({@code /api/v1/seal-usages?organisation=…}); scope {@code seal:read} or {@code seal:admin}.
 */
@RestController
@RequestMapping("/api/v1")
class SealUsageController {
    private final SealLifecycleService seals;
    private final SealUsageLog usages;

    SealUsageController(SealLifecycleService seals, SealUsageLog usages) {
        this.seals = seals;
        this.usages = usages;
    }

    @GetMapping("/seals/{id}/usages")
    List<SealUsage> usages(@PathVariable String id, @RequestParam(defaultValue = "100") int limit) {
        seals.find(id);
        return usages.bySeal(id, Math.clamp(limit, 1, 1000));
    }

    @GetMapping("/seal-usages")
    List<SealUsage> organisationUsages(
            @RequestParam String organisation, @RequestParam(defaultValue = "100") int limit) {
        return usages.byOrganisation(organisation.strip().toUpperCase(Locale.ROOT), Math.clamp(limit, 1, 1000));
    }
}
