package cn.zhengyin.licence.pages;

import cn.zhengyin.service.security.ProblemAccessDeniedHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ViewResolver;

/** Registers {@link ErrorPages}: errors of the licence service's pages as pages (docs/wallet.md#errors). */
@Configuration(proxyBeanMethods = false)
class ErrorPagesConfiguration {

    @Bean
    ErrorPages errorPages(
            MessageSource messages,
            @Qualifier("thymeleafViewResolver") ViewResolver views,
            LocaleResolver localeResolver) {
        return new ErrorPages(messages, views, localeResolver);
    }

    /**
     * Spring Security's refusals of a signed-in request (a missing or invalid CSRF token, a role) as the 403 page for
     * browsers and problem+json for programs; the filter chains of the pages inject it by this name.
     */
    @Bean
    AccessDeniedHandler pageAccessDenied(ErrorPages errorPages, ProblemAccessDeniedHandler programs) {
        return errorPages.forBrowsers(programs);
    }
}
