package cn.zhengyin.seal.console.internal;

import cn.zhengyin.service.problem.Problems;
import cn.zhengyin.service.problem.UploadLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * An unexpected failure of a console page is a page: for a browser (it asks for {@code text/html}) the console's error
 * page with status 500, in the person's language, with an error number to quote — never the stack trace, which goes
 * to the log with that number. Other clients, the console's own handlers (a seal not found, a refused sealing request),
 * Spring Security's refusals (a stale CSRF token: back to the list, which says so) and client errors (wrong method,
 * unreadable form) keep their answers; service-kit's advice answers problem+json for anything not a console page.
 */
@Component
class ConsoleFailures implements HandlerExceptionResolver, Ordered {
    private static final Logger log = LoggerFactory.getLogger(ConsoleFailures.class);
    private static final Set<Class<?>> PAGES =
            Set.of(SealConsoleController.class, SealingConsoleController.class, ConsoleSignInController.class);

    private final ConsoleProperties properties;

    ConsoleFailures(ConsoleProperties properties) {
        this.properties = properties;
    }

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
        if (!(handler instanceof HandlerMethod method)
                || !PAGES.contains(method.getBeanType())
                || !wantsPage(request)
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

    /** A browser: {@code text/html} named and ranked at least as high as JSON (not {@code *}{@code /*}). */
    static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return false;
        }
        double html = -1;
        double json = -1;
        try {
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (type.getType().equals("text") && type.getSubtype().equals("html")) {
                    html = Math.max(html, type.getQualityValue());
                } else if (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) {
                    json = Math.max(json, type.getQualityValue());
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        return html > 0 && html >= json;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
