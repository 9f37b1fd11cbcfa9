package cn.zhengyin.service.security;

import java.io.IOException;
import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.AuthenticationEntryPoint;

import cn.zhengyin.service.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers an unauthenticated request with 401, {@code WWW-Authenticate: Bearer} (RFC 6750, with {@code error} when a
 * token was presented and rejected) and a problem+json body of type {@code .../problems/unauthorized}.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final JsonMapper mapper;

    public ProblemAuthenticationEntryPoint(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public ProblemAuthenticationEntryPoint() {
        this(JsonMapper.builder().build());
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException exception) throws IOException {
        String challenge = "Bearer";
        String detail = "This request needs a valid bearer token (OAuth 2.0 access token) in the Authorization header.";
        if (exception instanceof OAuth2AuthenticationException oauth2) {
            OAuth2Error error = oauth2.getError();
            challenge += " error=\"" + quoted(error.getErrorCode()) + "\"";
            if (error.getDescription() != null) {
                challenge += ", error_description=\"" + quoted(error.getDescription()) + "\"";
                detail = "The bearer token was rejected: " + error.getDescription();
            }
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        ProblemDetail problem = Problems.problem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        ProblemResponses.write(response, problem, mapper);
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "'");
    }
}
