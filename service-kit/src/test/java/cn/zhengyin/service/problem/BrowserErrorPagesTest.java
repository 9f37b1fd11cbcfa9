package cn.zhengyin.service.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Who gets an error page and who gets problem+json: content negotiation on {@code Accept}, one rule for both services. */
class BrowserErrorPagesTest {

    private static boolean wantsPage(String accept) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/wallet");
        if (accept != null) {
            request.addHeader("Accept", accept);
        }
        return BrowserErrorPages.wantsPage(request);
    }

    @Test
    void browsersNavigatingOrPostingAFormGetPages() {
        assertThat(wantsPage("text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"))
                .isTrue();
        assertThat(wantsPage("text/html")).isTrue();
    }

    @Test
    void programsKeepProblemJson() {
        assertThat(wantsPage(null)).isFalse();
        assertThat(wantsPage("*/*")).isFalse();
        assertThat(wantsPage("application/json")).isFalse();
        assertThat(wantsPage("application/problem+json, text/html;q=0.5")).isFalse();
        assertThat(wantsPage("text/html;q=0.5, application/json")).isFalse();
        assertThat(wantsPage("not a media type")).isFalse();
    }
}
