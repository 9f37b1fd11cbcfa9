package cn.zhengyin.service.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.util.StringUtils;

/**
 * A CSRF token is taken from the request header or from the form body, never from the query string: a token in a URL
 * ends up in access logs, browser history and {@code Referer} headers, and the servlet API's {@code getParameter}
 * would otherwise accept it from there as well. A request whose query string names the token parameter and that has
 * no token header resolves to no token, so the CSRF check refuses it.
 */
public final class BodyOnlyCsrfTokens implements CsrfTokenRequestHandler {
    private final CsrfTokenRequestHandler header;
    private final CsrfTokenRequestHandler body;
    private final boolean loadEagerly;

    private BodyOnlyCsrfTokens(CsrfTokenRequestHandler header, CsrfTokenRequestHandler body, boolean loadEagerly) {
        this.header = header;
        this.body = body;
        this.loadEagerly = loadEagerly;
    }

    /**
     * For pages whose scripts send the cookie's raw value in the header and whose forms carry the masked token (what
     * Spring Security's {@code csrf.spa()} does), with {@code CookieCsrfTokenRepository.withHttpOnlyFalse()}.
     */
    public static BodyOnlyCsrfTokens spa() {
        return new BodyOnlyCsrfTokens(
                new CsrfTokenRequestAttributeHandler(), new XorCsrfTokenRequestAttributeHandler(), true);
    }

    /** For forms carrying the masked token (Spring Security's default request handler). */
    public static BodyOnlyCsrfTokens masked() {
        XorCsrfTokenRequestAttributeHandler xor = new XorCsrfTokenRequestAttributeHandler();
        return new BodyOnlyCsrfTokens(xor, xor, false);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        body.handle(request, response, csrfToken);
        if (loadEagerly) {
            // loads the deferred token so that the repository renders the cookie on every response, as csrf.spa() does
            CsrfToken unused = csrfToken.get();
        }
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        if (StringUtils.hasText(request.getHeader(csrfToken.getHeaderName()))) {
            return header.resolveCsrfTokenValue(request, csrfToken);
        }
        if (inQueryString(request.getQueryString(), csrfToken.getParameterName())) {
            return null;
        }
        return body.resolveCsrfTokenValue(request, csrfToken);
    }

    static boolean inQueryString(String query, String parameter) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a malformed escape: compared as sent
            }
            if (name.equals(parameter)) {
                return true;
            }
        }
        return false;
    }
}
