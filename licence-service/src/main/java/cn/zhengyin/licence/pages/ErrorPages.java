package cn.zhengyin.licence.pages;

import cn.zhengyin.service.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * Errors as pages for people, problem+json for programs — one mechanism for every page of the licence service.
 *
 * <p>A request "wants a page" when its {@code Accept} header names {@code text/html} explicitly and ranks it at least as
 * high as JSON (what browsers send when they navigate or post a form); everything else — API clients, {@code curl}, no
 * {@code Accept} at all — keeps the RFC 9457 problem+json of service-kit untouched. For a page the error becomes the
 * template {@code error-page} in the user's language (messages {@code error.*} in {@code wallet-messages}), with the
 * same status code:
 *
 * <ul>
 *   <li>as a {@link HandlerExceptionResolver} (ordered before Spring MVC's own) it answers {@link ProblemException}s
 *       and Spring MVC's 4xx exceptions ({@link ErrorResponse}: unknown path, wrong method, missing parameter) thrown
 *       while handling a page; it declines (returns {@code null}) for anything else, so the problem+json advice
 *       answers;
 *   <li>{@link #forBrowsers(AuthenticationEntryPoint)} wraps a bearer-token entry point: a browser that navigates to an
 *       address outside {@code /api/} that nothing public serves (a mistyped URL) gets a "page not found" page with
 *       the ways on instead of "401 needs a bearer token".
 * </ul>
 *
 * A page controller that wants the message next to a field (a form kept as typed) does that itself by rendering its
 * page again with the errors; this class is for the errors that end a page.
 */
public final class ErrorPages implements HandlerExceptionResolver, Ordered {
    /** The template; its model: {@code status}, {@code titleKey}, {@code messageKey}. */
    public static final String VIEW = "error-page";

    private final MessageSource messages;
    private final ViewResolver views;
    private final LocaleResolver locales;

    public ErrorPages(MessageSource messages, ViewResolver views, LocaleResolver locales) {
        this.messages = messages;
        this.views = views;
        this.locales = locales;
    }

    /** Whether the client is a browser asking for a page rather than a program asking for data. */
    public static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (RuntimeException e) {
            return false;
        }
        double html = -1;
        double json = -1;
        for (MediaType type : types) {
            double q = type.getQualityValue();
            if (type.getType().equals("text") && type.getSubtype().equals("html")) {
                html = Math.max(html, q);
            } else if (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html >= json;
    }

    /** A page for an error: the status, a title and a sentence, both message keys (with arguments for the sentence). */
    public static ModelAndView page(HttpStatus status, String titleKey, String messageKey, Object... arguments) {
        ModelAndView page = new ModelAndView(
                VIEW, Map.of("status", status.value(), "titleKey", titleKey, "messageKey", messageKey));
        page.addObject("arguments", arguments);
        page.setStatus(status);
        return page;
    }

    /** The page for a problem: {@code error.<slug>} when the messages have one, else {@code error.status.<code>}. */
    public ModelAndView pageFor(HttpStatus status, String slug, Locale locale) {
        String specific = "error." + slug;
        String general = "error.status." + status.value();
        String message = messages.getMessage(specific, null, null, locale) != null
                ? specific
                : messages.getMessage(general, null, null, locale) != null ? general : "error.status.other";
        return page(status, "error.title." + (status.is4xxClientError() ? status.value() : 500), message);
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
        if (!wantsPage(request)
                || exception instanceof AccessDeniedException
                || exception instanceof AuthenticationException) {
            return null;
        }
        Locale locale = locales.resolveLocale(request);
        if (exception instanceof ProblemException problem && problem.status().is4xxClientError()) {
            String slug = problem.type()
                    .toString()
                    .substring(problem.type().toString().lastIndexOf('/') + 1);
            return pageFor(problem.status(), slug, locale);
        }
        if (exception instanceof ErrorResponse error && error.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(error.getStatusCode().value());
            return pageFor(status, "status", locale);
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * A browser's GET of an address outside {@code /api/} and {@code /actuator/} is a person who mistyped or followed
     * an old link: 404 with a page that says so and offers the wallet, sign-in and verification. Any other request
     * goes to {@code programs} (401 problem+json with {@code WWW-Authenticate}).
     */
    public AuthenticationEntryPoint forBrowsers(AuthenticationEntryPoint programs) {
        return (request, response, exception) -> {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            boolean api = path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/oauth2/");
            if (api || !HttpMethod.GET.matches(request.getMethod()) || !wantsPage(request)) {
                programs.commence(request, response, exception);
                return;
            }
            render(request, response, page(HttpStatus.NOT_FOUND, "error.title.404", "error.page-not-found"));
        };
    }

    /** Renders an error page outside Spring MVC's handling (from a security filter), in the request's language. */
    private void render(HttpServletRequest request, HttpServletResponse response, ModelAndView page)
            throws IOException {
        String lang = request.getParameter("lang");
        Locale locale = "en".equals(lang)
                ? Locale.ENGLISH
                : "zh".equals(lang) ? Locale.SIMPLIFIED_CHINESE : locales.resolveLocale(request);
        request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, new FixedLocaleResolver(locale));
        try {
            View view = views.resolveViewName(VIEW, locale);
            if (view == null) {
                throw new IllegalStateException("no view " + VIEW);
            }
            response.setStatus(page.getStatus() == null ? 404 : page.getStatus().value());
            response.setLocale(locale);
            view.render(page.getModel(), request, response);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot render the error page", e);
        }
    }
}
