package cn.zhengyin.licence.pages;

import cn.zhengyin.service.problem.BrowserErrorPages;
import cn.zhengyin.service.problem.ProblemException;
import cn.zhengyin.service.problem.Problems;
import cn.zhengyin.service.problem.UploadLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartException;
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
 *       while handling a request, and an unexpected failure of a page (a handler that renders a view): 500, logged
 *       with its stack trace and an {@code errorId} that the page shows (never the trace); it declines (returns
 *       {@code null}) for anything else — an API handler's failure, an unreadable body, an upload over the limit — so
 *       the problem+json advice answers;
 *   <li>{@link #forBrowsers(AuthenticationEntryPoint)} wraps a bearer-token entry point: a browser that navigates to an
 *       address outside {@code /api/} that nothing public serves (a mistyped URL) gets a "page not found" page with
 *       the ways on instead of "401 needs a bearer token";
 *   <li>{@link #forBrowsers(AccessDeniedHandler)} wraps an access-denied handler: a browser whose form post lacks a
 *       valid CSRF token (a page left open across a sign-out or a restart) gets a 403 page that says to reload and try
 *       again, and any other refusal the 403 page.
 * </ul>
 *
 * A page controller that wants the message next to a field (a form kept as typed) does that itself by rendering its
 * page again with the errors; this class is for the errors that end a page.
 */
public final class ErrorPages implements HandlerExceptionResolver, Ordered, BrowserErrorPages {
    /** The template; its model: {@code status}, {@code titleKey}, {@code messageKey}. */
    public static final String VIEW = "error-page";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private final MessageSource messages;
    private final ViewResolver views;
    private final LocaleResolver locales;

    public ErrorPages(MessageSource messages, ViewResolver views, LocaleResolver locales) {
        this.messages = messages;
        this.views = views;
        this.locales = locales;
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
        if (!BrowserErrorPages.wantsPage(request)
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
        if (!isPage(handler)
                || exception instanceof MultipartException
                || exception instanceof HttpMessageNotReadableException
                || exception instanceof TypeMismatchException
                || UploadLimits.problemFor(exception).isPresent()) {
            return null;
        }
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        if (exception instanceof ProblemException problem) {
            status = HttpStatus.valueOf(problem.status().value());
        } else if (exception instanceof ErrorResponse error) {
            status = HttpStatus.valueOf(error.getStatusCode().value());
        }
        String errorId = Problems.newErrorId();
        LOG.error(
                "Unexpected failure of a page, errorId={} {} {}",
                errorId,
                request.getMethod(),
                request.getRequestURI(),
                exception);
        ModelAndView page = pageFor(status, "status", locale);
        page.addObject("errorId", errorId);
        return page;
    }

    /** A handler that renders a page (not {@code @ResponseBody}), or none known (the failure came before one). */
    private static boolean isPage(Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        return !method.hasMethodAnnotation(ResponseBody.class)
                && !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class)
                && !org.springframework.http.HttpEntity.class.isAssignableFrom(
                        method.getReturnType().getParameterType());
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
            if (forPrograms(path)
                    || !HttpMethod.GET.matches(request.getMethod())
                    || !BrowserErrorPages.wantsPage(request)) {
                programs.commence(request, response, exception);
                return;
            }
            render(request, response, page(HttpStatus.NOT_FOUND, "error.title.404", "error.page-not-found"));
        };
    }

    /**
     * A refusal by Spring Security after authentication: a browser gets the 403 page — for a missing or invalid CSRF
     * token one that says the page has expired and to reload it — and any other client goes to {@code programs}.
     */
    public AccessDeniedHandler forBrowsers(AccessDeniedHandler programs) {
        return (request, response, exception) -> {
            if (!BrowserErrorPages.wantsPage(request)) {
                programs.handle(request, response, exception);
                return;
            }
            String message = exception instanceof CsrfException ? "error.csrf" : "error.status.403";
            render(request, response, page(HttpStatus.FORBIDDEN, "error.title.403", message));
        };
    }

    /**
     * An error that reached the container's error dispatch (a request the firewall rejected, a filter's failure,
     * {@code sendError}): the page for a browser's request outside {@code /api/}, {@code /actuator/} and
     * {@code /oauth2/}, with the error number of a server error; problem+json for everything else.
     */
    @Override
    public boolean render(
            HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String errorId)
            throws IOException {
        Object uri = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null
                ? ""
                : uri.toString().substring(request.getContextPath().length());
        if (forPrograms(path) || !BrowserErrorPages.wantsPage(request) || response.isCommitted()) {
            return false;
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        ModelAndView page = pageFor(
                known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known, "status", locales.resolveLocale(request));
        if (errorId != null) {
            page.addObject("errorId", errorId);
        }
        render(request, response, page);
        return true;
    }

    /** The addresses that answer programs only, whatever the client accepts: the API, actuator and OAuth2. */
    private static boolean forPrograms(String path) {
        return path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/oauth2/");
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
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.setLocale(locale);
            view.render(page.getModel(), request, response);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot render the error page", e);
        }
    }
}
