package cn.zhengyin.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The security headers of server-rendered pages: {@code Referrer-Policy: no-referrer} on every response of the chain
 * (a page whose URL holds a secret, such as a share link, must not pass it on in a {@code Referer}), and on HTML
 * responses a {@code Content-Security-Policy} that allows only this origin's style sheets and images and no script
 * at all — the pages have none, inline or not —, no plugins, no framing, forms posting only to this origin and no
 * {@code <base>}. The policy goes only on HTML: a PDF or PNG download is shown by the browser's own viewer, which a
 * document policy could break.
 */
public final class PageSecurityHeaders implements HeaderWriter {
    public static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    /** No {@code 'unsafe-inline'}, no {@code 'unsafe-eval'}, nothing but this origin. */
    public static final String POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; font-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /**
     * {@link #POLICY} plus scripts and service workers from this origin only (still no inline script, no
     * {@code eval}, nothing from elsewhere): for pages that enhance themselves with their own script file.
     */
    public static final String POLICY_WITH_OWN_SCRIPTS =
            POLICY + "; script-src 'self'; worker-src 'self'; connect-src 'self'; manifest-src 'self'";

    private final String policy;

    private PageSecurityHeaders(String policy) {
        this.policy = policy;
    }

    /** For {@code http.headers(PageSecurityHeaders.forPages())} in a chain that serves pages. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> forPages() {
        return headers -> headers.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                .addHeaderWriter(new PageSecurityHeaders(POLICY));
    }

    /** As {@link #forPages()}, with {@link #POLICY_WITH_OWN_SCRIPTS}. */
    public static Customizer<HeadersConfigurer<HttpSecurity>> forPagesWithOwnScripts() {
        return headers -> headers.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
                .addHeaderWriter(new PageSecurityHeaders(POLICY_WITH_OWN_SCRIPTS));
    }

    /**
     * Spring Security writes headers when the response is committed (or at the end of the chain), when the content
     * type is known.
     */
    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        String type = response.getContentType();
        if (type != null
                && type.regionMatches(true, 0, "text/html", 0, "text/html".length())
                && !response.containsHeader(CONTENT_SECURITY_POLICY)) {
            response.setHeader(CONTENT_SECURITY_POLICY, policy);
        }
    }
}
