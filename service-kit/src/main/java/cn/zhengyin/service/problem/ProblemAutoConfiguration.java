package cn.zhengyin.service.problem;

import cn.zhengyin.service.limits.LimitRefusals;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Registers {@link ProblemJsonExceptionHandler} (so Boot's own {@code ProblemDetailsExceptionHandler} backs off) and
 * {@link ProblemErrorController} (so Boot's {@code BasicErrorController} backs off) in servlet web applications.
 */
@AutoConfiguration(before = {WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class ProblemAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemJsonExceptionHandler problemJsonExceptionHandler(ObjectProvider<LimitRefusals> refusals) {
        return new ProblemJsonExceptionHandler(refusals.getIfAvailable(LimitRefusals::none));
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(
            ErrorAttributes errorAttributes,
            ObjectProvider<LimitRefusals> refusals,
            ObjectProvider<BrowserErrorPages> pages) {
        return new ProblemErrorController(
                errorAttributes,
                refusals.getIfAvailable(LimitRefusals::none),
                pages.getIfAvailable(() -> ProblemErrorController.NO_PAGES));
    }
}
