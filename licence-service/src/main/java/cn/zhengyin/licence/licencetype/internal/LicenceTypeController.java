package cn.zhengyin.licence.licencetype.internal;

import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.service.problem.ProblemException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public licence-type catalogue (证照目录). Reads only; the catalogue is public information. */
@RestController
@RequestMapping("/api/v1/licence-types")
class LicenceTypeController {
    private final LicenceTypeCatalogue catalogue;

    LicenceTypeController(LicenceTypeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Every licence type the service can issue, in template order. */
    @GetMapping
    List<LicenceTypeView> list() {
        return catalogue.all().stream().map(LicenceTypeView::of).toList();
    }

    /** One type, by its 21-character 证照类型代码 or its template slug (e.g. {@code food-business-licence}). */
    @GetMapping("/{typeCodeOrSlug}")
    LicenceTypeView get(@PathVariable String typeCodeOrSlug) {
        return catalogue
                .find(typeCodeOrSlug)
                .map(LicenceTypeView::of)
                .orElseThrow(() -> ProblemException.notFound("there is no licence type with code or slug '"
                        + typeCodeOrSlug + "'; GET /api/v1/licence-types lists them"));
    }
}
