package cn.zhengyin.licence.publicpage.internal;

import cn.zhengyin.service.problem.UploadLimits;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * An upload to the verification page that the container cannot read — cut off before its closing boundary, malformed,
 * or over the size limit — is answered with the page and the reason, as any other upload problem: 400 (413 for the
 * size), never a 500 or a JSON problem (review #14, finding 8). Multipart bodies are parsed before a handler is chosen,
 * so this is a resolver ahead of the controller advice (which answers every other path with problem+json); for any
 * other request or exception it declines.
 */
final class UnreadableUploadPage implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception exception) {
        if (!(exception instanceof MultipartException)
                || !"POST".equals(request.getMethod())
                || !"/verify".equals(request.getServletPath())) {
            return null;
        }
        boolean tooLarge = UploadLimits.problemFor(exception).isPresent();
        response.setStatus(tooLarge ? HttpStatus.CONTENT_TOO_LARGE.value() : HttpStatus.BAD_REQUEST.value());
        ModelAndView page = new ModelAndView("verify");
        page.addObject("error", tooLarge ? "verify.error.too-large" : "verify.error.malformed");
        return page;
    }

    /** Before Spring MVC's own resolvers (order 0), after Boot's error-attributes recorder. */
    @Override
    public int getOrder() {
        return -1;
    }
}
