package cn.zhengyin.service.security;

/** Paths both services answer without an access token: read by operators and API users before they have one. */
public final class PublicPaths {

    /**
     * GET only: the health groups (the platform's liveness and readiness probes) and the OpenAPI description with its
     * Swagger UI (docs/security.md).
     */
    public static final String[] HEALTH_AND_API_DOCS = {
        "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui", "/swagger-ui/**", "/swagger-ui.html"
    };

    private PublicPaths() {}
}
