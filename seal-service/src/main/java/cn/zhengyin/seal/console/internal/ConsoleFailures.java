package cn.zhengyin.seal.console.internal;

import cn.zhengyin.service.problem.BrowserErrorPages;
import cn.zhengyin.service.problem.Problems;
import cn.zhengyin.service.problem.UploadLimits;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.servlet.i18n.FixedLocaleResolver;

/**
 * An unexpected failure of a console page is a page: for a browser (it asks for {@code text/html}) the console's error
 * page with status 500, in the person's language, with an error number to quote — never the stack trace, which goes
 * to the log with that number. Other clients, the console's own handlers (a seal not found, a refused sealing request),
 * Spring Security's refusals (a stale CSRF token: back to the list, which says so) and client errors (wrong method,
 * unreadable form) keep their answers; service-kit's advice answers problem+json for anything not a console page.
 */
@Component
class ConsoleFailures implements HandlerExceptionResolver, Ordered, BrowserErrorPages {
    private static final Logger log = LoggerFactory.getLogger(ConsoleFailures.class);
    private static final Set<Class<?>> PAGES =
            Set.of(SealConsoleController.class, SealingConsoleController.class, ConsoleSignInController.class);

    private final ConsoleProperties properties;
    private final ObjectProvider<ViewResolver> views;
    private final ObjectProvider<LocaleResolver> locales;

    ConsoleFailures(
            ConsoleProperties properties,
            @Qualifier("thymeleafViewResolver") ObjectProvider<ViewResolver> views,
            ObjectProvider<LocaleResolver> locales) {
        this.properties = properties;
        this.views = views;
        this.locales = locales;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
        if (!(handler instanceof HandlerMethod method)
                || !PAGES.contains(method.getBeanType())
                || !BrowserErrorPages.wantsPage(request)
                || new ExceptionHandlerMethodResolver(method.getBeanType()).resolveMethod(exception) != null
                || exception instanceof AccessDeniedException
                || exception instanceof AuthenticationException
                || (exception instanceof ErrorResponse error
                        && !error.getStatusCode().is5xxServerError())
                || exception instanceof MultipartException
                || exception instanceof HttpMessageNotReadableException
                || exception instanceof TypeMismatchException
                || UploadLimits.problemFor(exception).isPresent()) {
            return null;
        }
        String errorId = Problems.newErrorId();
        log.error(
                "Unexpected failure of a console page, errorId={} {} {}",
                errorId,
                request.getMethod(),
                request.getRequestURI(),
                exception);
        ModelAndView page = new ModelAndView("console/error");
        page.setStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        page.addObject("error", new SealConsoleController.ConsoleError("error.unexpected", errorId));
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.isAuthenticated()) {
            page.addObject("user", ConsoleUser.of(authentication));
        }
        page.addObject("names", properties);
        return page;
    }

    /**
     * An error that reached the container's error dispatch (a request the firewall rejected, a filter's failure,
     * {@code sendError}) on a console address, from a browser: the console's error page in the person's language, with
     * the error number of a server error; problem+json for everything else (the signing API, the TSA, CRLs).
     */
    @Override
    public boolean render(
            HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String errorId)
            throws IOException {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null
                ? ""
                : uri.toString().substring(request.getContextPath().length());
        if (!(path.equals("/console") || path.startsWith("/console/"))
                || !BrowserErrorPages.wantsPage(request)
                || response.isCommitted()) {
            return false;
        }
        String key = status.is5xxServerError()
                ? "error.unexpected"
                : status.value() == 404
                        ? "error.pageNotFound"
                        : status.value() == 403 ? "error.notAllowed" : "error.badRequest";
        // ?lang= as the console's pages take it (their interceptor does not run for the error dispatch)
        String lang = request.getParameter("lang");
        Locale locale = "en".equals(lang)
                ? Locale.ENGLISH
                : lang != null && lang.startsWith("zh")
                        ? Locale.SIMPLIFIED_CHINESE
                        : locales.getObject().resolveLocale(request);
        ModelAndView page = new ModelAndView("console/error");
        page.addObject("error", new SealConsoleController.ConsoleError(key, errorId));
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)) {
            page.addObject("user", ConsoleUser.of(authentication));
        }
        page.addObject("names", properties);
        try {
            View view = views.getObject().resolveViewName("console/error", locale);
            if (view == null) {
                return false;
            }
            response.setStatus(status.value());
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.setLocale(locale);
            request.setAttribute(DispatcherServlet.LOCALE_RESOLVER_ATTRIBUTE, new FixedLocaleResolver(locale));
            view.render(page.getModel(), request, response);
            return true;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot render the console's error page", e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
