package cn.zhengyin.service.security;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import cn.zhengyin.service.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an authenticated request that lacks permission with 403,
 * {@code WWW-Authenticate: Bearer error="insufficient_scope"} (RFC 6750 §3.1) and a problem+json body of type
 * {@code .../problems/forbidden}.
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    private final JsonMapper mapper;

    public ProblemAccessDeniedHandler(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public ProblemAccessDeniedHandler() {
        this(JsonMapper.builder().build());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException exception) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        ProblemDetail problem = Problems.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
            "The access token does not grant the scope this request needs.");
        problem.setInstance(URI.create(request.getRequestURI()));
        ProblemResponses.write(response, problem, mapper);
    }
}
