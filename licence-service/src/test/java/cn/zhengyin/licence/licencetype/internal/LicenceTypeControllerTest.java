package cn.zhengyin.licence.licencetype.internal;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.zhengyin.licence.licencetype.JsonLicenceTypeLoader;
import cn.zhengyin.licence.licencetype.LicenceTypeCatalogue;
import cn.zhengyin.licence.licencetype.LicenceTypeFixture;
import cn.zhengyin.service.problem.ProblemJsonExceptionHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The catalogue endpoints over the shipped templates, without the security filter chain (they are public reads). */
class LicenceTypeControllerTest {

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        LicenceTypeCatalogue catalogue =
                new LicenceTypeCatalogue(new JsonLicenceTypeLoader().loadAll(LicenceTypeFixture.templatesRoot()));
        mvc = MockMvcBuilders.standaloneSetup(new LicenceTypeController(catalogue))
                .setControllerAdvice(new ProblemJsonExceptionHandler())
                .build();
    }

    @Test
    void listsEveryShippedTypeWithItsCatalogueElements() throws Exception {
        mvc.perform(get("/api/v1/licence-types"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$", hasSize(4)))
                .andExpect(jsonPath(
                        "$[*].certificateTypeCode",
                        containsInAnyOrder(
                                "11100000XF0000001X001",
                                "11100000XF0000001X002",
                                "11100000XF00000021001",
                                "11100000XF00000034001")))
                .andExpect(
                        jsonPath("$[*].certificateTypeName", containsInAnyOrder("营业执照", "食品经营许可证", "林权证", "医师执业证书")));
    }

    @Test
    void answersOneTypeBySlugWithValidityRangeHolderAndFieldSchema() throws Exception {
        mvc.perform(get("/api/v1/licence-types/food-business-licence"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.certificateTypeName").value("食品经营许可证"))
                .andExpect(jsonPath("$.certificateTypeCode").value("11100000XF0000001X002"))
                .andExpect(jsonPath("$.certificateDefineAuthorityName").value("示范市场监督管理总局"))
                .andExpect(jsonPath("$.certificateDefineAuthorityCode").value("11100000XF0000001X"))
                .andExpect(jsonPath("$.certificateDefineAuthorityLevel").value("国家级"))
                .andExpect(jsonPath("$.itemName").value("食品经营许可"))
                .andExpect(jsonPath("$.itemCode").value("XF-000109-002"))
                .andExpect(jsonPath("$.certificateHolderCategory").value("法人和其他组织"))
                .andExpect(jsonPath("$.certificateHolderTypeCode").value("001"))
                .andExpect(jsonPath("$.certificateHolderTypeName").value("统一社会信用代码"))
                .andExpect(jsonPath("$.validityRange").value("5年"))
                .andExpect(jsonPath("$.sealType").value("01"))
                .andExpect(jsonPath("$.fields[0].key").value("operatorName"))
                .andExpect(jsonPath("$.fields[0].role").value("HOLDER_NAME"))
                .andExpect(jsonPath("$.fields[?(@.key == 'licenceNumber')].pattern")
                        .value(contains("JY[1-3][0-9]{13}")))
                .andExpect(jsonPath("$.fields[?(@.key == 'businessFormat')].enumValues[*]")
                        .value(hasItem("餐饮服务经营者")))
                .andExpect(jsonPath("$.fields[0]", not(hasKey("enumValues"))));
    }

    @Test
    void answersOneTypeByCodeAndMarksSensitiveFields() throws Exception {
        mvc.perform(get("/api/v1/licence-types/11100000XF00000034001"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.slug").value("physician-certificate"))
                .andExpect(jsonPath("$.certificateHolderCategory").value("自然人"))
                .andExpect(jsonPath("$.certificateHolderTypeCode").value("111"))
                .andExpect(jsonPath("$.validityRange").value("长期"))
                .andExpect(
                        jsonPath("$.fields[?(@.key == 'idNumber')].sensitivity").value(contains("SENSITIVE")))
                .andExpect(jsonPath("$.fields[?(@.key == 'idNumber')].type").value(contains("CITIZEN_ID")))
                .andExpect(jsonPath("$.fields[?(@.key == 'birthDate')].sensitivity")
                        .value(contains("RESTRICTED")))
                .andExpect(jsonPath("$.fields[?(@.key == 'sex')].enumValues[*]").value(contains("男", "女")));
        mvc.perform(get("/api/v1/licence-types/forest-right-certificate"))
                .andExpect(jsonPath("$.validityRange").value("见证照"));
    }

    @Test
    void answersAnUnknownTypeWithProblemJson404() throws Exception {
        mvc.perform(get("/api/v1/licence-types/no-such-type"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("no-such-type")));
    }
}
