package cn.zhengyin.seal.console.internal;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The console's language: Chinese unless the person chose another with {@code ?lang=en} (or {@code ?lang=zh-CN}),
 * remembered in the {@code zhengyin-console-lang} cookie. Texts: {@code console/messages*.properties}
 * ({@code spring.messages.basename} in seal-service.yml). Stylesheets: the console's own {@code static/console/} and
 * the page styles it shares with the licence service, {@code static/css/zhengyin-base.css} from service-kit, both
 * under {@code /console/} (the console's security chain lets {@code /console/*.css} through).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("zhengyin-console-lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookiePath("/console");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/*.css")
                .addResourceLocations("classpath:/static/console/", "classpath:/static/css/");
    }
}
