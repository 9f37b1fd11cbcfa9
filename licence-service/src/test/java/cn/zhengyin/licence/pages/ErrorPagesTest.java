package cn.zhengyin.licence.pages;

import static org.assertj.core.api.Assertions.assertThat;

import cn.zhengyin.service.problem.ProblemException;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/** Who gets an error page and who gets problem+json: content negotiation on {@code Accept}. */
class ErrorPagesTest {

    // ---- failures of a page (500) ----

    /** Stands for a page controller (renders a view) and an API controller (a body) of the service. */
    static class Handlers {
        String page() {
            return "wallet";
        }

        ResponseEntity<String> api() {
            return ResponseEntity.ok("{}");
        }
    }

    private static ModelAndView resolve(String accept, String handlerMethod, Exception failure) throws Exception {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages", "wallet-messages", "verification");
        messages.setDefaultEncoding("UTF-8");
        ErrorPages pages = new ErrorPages(messages, null, new FixedLocaleResolver(Locale.SIMPLIFIED_CHINESE));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/wallet/licences/x/shares");
        request.addHeader("Accept", accept);
        HandlerMethod handler = new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(handlerMethod));
        return pages.resolveException(request, new MockHttpServletResponse(), handler, failure);
    }

    @Test
    void anUnexpectedFailureOfAPageIsThe500PageWithAnErrorNumberNotTheTrace() throws Exception {
        ModelAndView page = resolve("text/html", "page", new IllegalStateException("store down at Foo.java:12"));
        assertThat(page.getViewName()).isEqualTo(ErrorPages.VIEW);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(page.getModel())
                .containsEntry("titleKey", "error.title.500")
                .containsEntry("messageKey", "error.status.500")
                .containsKey("errorId");
        assertThat(page.getModel().toString()).doesNotContain("store down", "Foo.java");

        ModelAndView unavailable = resolve(
                "text/html",
                "page",
                new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "seal-unavailable", "Unavailable", "down"));
        assertThat(unavailable.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(unavailable.getModel()).containsEntry("titleKey", "error.title.500");
    }

    @Test
    void programsAndApiHandlersKeepProblemJsonForAFailure() throws Exception {
        assertThat(resolve("application/json", "page", new IllegalStateException()))
                .isNull();
        assertThat(resolve("*/*", "page", new IllegalStateException())).isNull();
        assertThat(resolve("text/html", "api", new IllegalStateException())).isNull();
    }
}
