package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.authority.ApprovalSystems;
import cn.zhengyin.licence.authority.IssuingAuthority;
import cn.zhengyin.licence.fieldreuse.FieldReuse;
import cn.zhengyin.licence.fieldreuse.internal.Views.UsageRecordView;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.service.problem.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/usage-records?type=<type code or slug>} (scope {@code licence:read}): an approval system lists
 * the usage records of the licences of one type that its own authority issued.
 */
@RestController
class IssuerUsageRecordController {
    private final FieldReuse fieldReuse;
    private final ApprovalSystems approvalSystems;
    private final LicenceTypeCatalogue types;

    IssuerUsageRecordController(FieldReuse fieldReuse, ApprovalSystems approvalSystems, LicenceTypeCatalogue types) {
        this.fieldReuse = fieldReuse;
        this.approvalSystems = approvalSystems;
        this.types = types;
    }

    @GetMapping("/api/v1/usage-records")
    List<UsageRecordView> byType(
            @AuthenticationPrincipal Jwt caller,
            @RequestParam("type") String type,
            @RequestParam(value = "limit", defaultValue = "200") int limit) {
        IssuingAuthority authority = approvalSystems
                .find(caller.getSubject())
                .orElseThrow(() -> new ProblemException(
                        HttpStatus.FORBIDDEN,
                        "not-an-issuer",
                        "Forbidden",
                        "client " + caller.getSubject() + " is not an approval system of an issuing authority"));
        String typeCode = types.find(type)
                .map(t -> t.typeCode())
                .orElseThrow(() -> ProblemException.validationFailed(
                        "type '" + type + "' is not a known licence type", List.of()));
        if (!authority.licenceTypes().contains(typeCode)) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "type-not-issued",
                    "Forbidden",
                    authority.name()
                            + " does not issue licences of type " + typeCode + "; it may list the usage records of "
                            + authority.licenceTypes());
        }
        return fieldReuse.usageRecordsOfType(typeCode, authority.code(), limit).stream()
                .map(UsageRecordView::of)
                .toList();
    }
}
