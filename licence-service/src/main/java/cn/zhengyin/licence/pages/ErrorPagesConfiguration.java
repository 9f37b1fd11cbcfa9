package cn.zhengyin.licence.pages;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
}
