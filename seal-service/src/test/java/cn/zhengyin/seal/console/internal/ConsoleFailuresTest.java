package cn.zhengyin.seal.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.MissingCsrfTokenException;
import org.springframework.ui.Model;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.ViewResolver;

/** An unexpected failure of a console page is the console's error page for a browser, problem+json otherwise. */
class ConsoleFailuresTest {
    private final ConsoleFailures failures = new ConsoleFailures(
            new ConsoleProperties(new ConsoleProperties.DevSignIn(false, List.of()), null),
            new DefaultListableBeanFactory().getBeanProvider(ViewResolver.class),
            new DefaultListableBeanFactory().getBeanProvider(LocaleResolver.class));

    private ModelAndView resolve(String accept, Exception failure) throws Exception {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerBeanDefinition("sealConsoleController", new RootBeanDefinition(SealConsoleController.class));
        HandlerMethod list = new HandlerMethod(
                "sealConsoleController",
                beans,
                SealConsoleController.class.getDeclaredMethod(
                        "list", Authentication.class, Optional.class, Model.class));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/console/seals");
        request.addHeader("Accept", accept);
        return failures.resolveException(request, new MockHttpServletResponse(), list, failure);
    }

    @Test
    void aBrowserGetsTheErrorPageWithAnErrorNumberAndNoTrace() throws Exception {
        ModelAndView page = resolve(
                "text/html,application/xhtml+xml,*/*;q=0.8", new IllegalStateException("store down at Foo.java:12"));
        assertThat(page.getViewName()).isEqualTo("console/error");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        SealConsoleController.ConsoleError error =
                (SealConsoleController.ConsoleError) page.getModel().get("error");
        assertThat(error.key()).isEqualTo("error.unexpected");
        assertThat(error.detail()).isNotBlank().doesNotContain("store down", "Foo.java");
    }

    @Test
    void programsTheConsolesOwnHandlersAndSecurityRefusalsKeepTheirAnswers() throws Exception {
        assertThat(resolve("application/json", new IllegalStateException())).isNull();
        assertThat(resolve("*/*", new IllegalStateException())).isNull();
        assertThat(resolve("text/html", new SealNotFoundException("s-1"))).isNull();
        assertThat(resolve("text/html", new org.springframework.security.access.AccessDeniedException("no")))
                .isNull();
        assertThat(resolve("text/html", new MissingCsrfTokenException("t"))).isNull();
    }
}
