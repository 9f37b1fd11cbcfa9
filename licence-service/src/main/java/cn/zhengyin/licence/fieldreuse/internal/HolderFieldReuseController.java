package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.FieldReuse;
import cn.zhengyin.licence.fieldreuse.ThirdParties;
import cn.zhengyin.licence.fieldreuse.internal.Views.ConsentView;
import cn.zhengyin.licence.fieldreuse.internal.Views.UsageRecordView;
import cn.zhengyin.licence.holder.CurrentHolder;
import cn.zhengyin.licence.holder.Holder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The holder's side of field reuse (session + CSRF, {@code /api/v1/holder/**}): grant, list and withdraw consents
 * (授权用证), create use codes (用证码), list usage records (用证记录) and the third parties one can consent to.
 */
@RestController
@RequestMapping("/api/v1/holder")
class HolderFieldReuseController {
    private final FieldReuse fieldReuse;
    private final CurrentHolder currentHolder;
    private final ThirdParties thirdParties;
    private final FieldReuseProperties properties;
    private final Clock clock;

    HolderFieldReuseController(
            FieldReuse fieldReuse,
            CurrentHolder currentHolder,
            ThirdParties thirdParties,
            FieldReuseProperties properties,
            Clock clock) {
        this.fieldReuse = fieldReuse;
        this.currentHolder = currentHolder;
        this.thirdParties = thirdParties;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param licence  full identifier or identifier root of a licence the holder holds
     * @param clientId the third party's client id
     * @param fields   field keys of the licence type
     * @param purpose  用证事由, at most 200 characters
     * @param until    end of the consent (at most the configured maximum, 365 days by default)
     */
    record GrantBody(String licence, String clientId, List<String> fields, String purpose, Instant until) {}

    @PostMapping("/consents")
    @ResponseStatus(HttpStatus.CREATED)
    ConsentView grant(@RequestBody GrantBody body) {
        Holder holder = currentHolder.require();
        return ConsentView.of(
                fieldReuse.grant(
                        holder,
                        new FieldReuse.GrantRequest(
                                body.licence(), body.clientId(), body.fields(), body.purpose(), body.until())),
                thirdParties,
                clock.instant());
    }

    @GetMapping("/consents")
    List<ConsentView> consents() {
        Instant now = clock.instant();
        return fieldReuse.consents(currentHolder.require()).stream()
                .map(c -> ConsentView.of(c, thirdParties, now))
                .toList();
    }

    @DeleteMapping("/consents/{consentId}")
    ConsentView withdraw(@PathVariable String consentId) {
        return ConsentView.of(fieldReuse.withdraw(currentHolder.require(), consentId), thirdParties, clock.instant());
    }

    /** @param clientId optional: only this third party may redeem the code */
    record UseCodeBody(String licence, List<String> fields, String purpose, String clientId) {}

    record UseCodeView(
            String code, String licence, List<String> fields, String purpose, String clientId, Instant expiresAt) {}

    @PostMapping("/use-codes")
    @ResponseStatus(HttpStatus.CREATED)
    UseCodeView useCode(@RequestBody UseCodeBody body) {
        var issued = fieldReuse.createUseCode(
                currentHolder.require(),
                new FieldReuse.UseCodeRequest(
                        body.licence(), body.fields(), body.purpose(), Optional.ofNullable(body.clientId())));
        return new UseCodeView(
                issued.code(),
                issued.licenceRoot(),
                issued.fields(),
                issued.purpose(),
                issued.clientId().orElse(null),
                issued.expiresAt());
    }

    @GetMapping("/usage-records")
    List<UsageRecordView> usageRecords(
            @RequestParam(value = "licence", required = false) String licence,
            @RequestParam(value = "limit", defaultValue = "200") int limit) {
        return fieldReuse.usageRecords(currentHolder.require(), Optional.ofNullable(licence), limit).stream()
                .map(UsageRecordView::of)
                .toList();
    }

    /** The registered third parties a holder can consent to (client id and name). */
    @GetMapping("/third-parties")
    List<Map<String, String>> thirdParties() {
        currentHolder.require();
        return properties.thirdParties().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Map.of("clientId", e.getKey(), "name", e.getValue().name()))
                .toList();
    }
}
