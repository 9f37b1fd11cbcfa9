package cn.zhengyin.service.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI description of a service: title, description and version from {@link ApiDocsProperties}, the OAuth2
 * client-credentials scheme with the service's scopes, on every operation the scopes its security rule accepts (or no
 * requirement for a public one), a summary where the code gives none, and the problem+json answers (RFC 9457) every
 * operation may give. Swagger UI ({@code /swagger-ui}) comes from springdoc's webjar and gets a Content-Security-Policy
 * that allows this origin only.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@EnableConfigurationProperties(ApiDocsProperties.class)
public class ApiDocsAutoConfiguration {
    static final String SCHEME = "oauth2";
    static final String PROBLEM = "application/problem+json";

    @Bean
    OpenAPI zhengyinOpenApi(ApiDocsProperties properties) {
        Scopes scopes = new Scopes();
        properties.scopes().forEach(scopes::addString);
        return new OpenAPI()
                .info(new Info()
                        .title(properties.title())
                        .description(properties.description())
                        .version(properties.version()))
                .components(new Components()
                        .addSecuritySchemes(
                                SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.OAUTH2)
                                        .description("OAuth2 client credentials: POST the client id and secret to the"
                                                + " token URL with grant_type=client_credentials and the scopes; send"
                                                + " the token as 'Authorization: Bearer …'.")
                                        .flows(new OAuthFlows()
                                                .clientCredentials(new OAuthFlow()
                                                        .tokenUrl(properties.tokenUrl())
                                                        .scopes(scopes))))
                        .addSchemas("Problem", problemSchema()));
    }

    @Bean
    OpenApiCustomizer zhengyinOperations(ApiDocsProperties properties, ObjectProvider<SecurityFilterChain> chains) {
        return api -> {
            OperationAccess access = new OperationAccess(
                    chains.orderedStream().toList(),
                    new ArrayList<>(properties.scopes().keySet()));
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths()
                    .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                        if (operation.getSummary() == null
                                || operation.getSummary().isBlank()) {
                            operation.setSummary(summary(method, path, operation));
                        }
                        access.of(method.name(), path).ifPresent(a -> {
                            if (a.isPublic()) {
                                operation.setSecurity(List.of());
                            } else {
                                operation.setSecurity(List.of(new SecurityRequirement().addList(SCHEME, a.scopes())));
                                String scopeText = a.scopes().isEmpty()
                                        ? "any valid access token"
                                        : "scope " + String.join(" or ", a.scopes());
                                operation.setDescription(
                                        (operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
                                                + "Needs " + scopeText + ".");
                            }
                            problems(operation, method, path, !a.isPublic());
                        });
                    }));
        };
    }

    /** Swagger UI's own page needs its scripts (this origin only); the pages' stricter policy stays on the rest. */
    @Bean
    FilterRegistrationBean<Filter> swaggerUiContentSecurityPolicy() {
        Filter filter = (request, response, chain) -> {
            ((jakarta.servlet.http.HttpServletResponse) response)
                    .setHeader(
                            "Content-Security-Policy",
                            "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'"
                                    + " data:; connect-src 'self'; font-src 'self'; form-action 'self';"
                                    + " frame-ancestors 'none'; base-uri 'none'");
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/swagger-ui/*", "/swagger-ui.html", "/swagger-ui");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** "POST /api/v1/licences/{id}/revocation" → "Revocation of a licence" is too clever; say what the call is. */
    static String summary(PathItem.HttpMethod method, String path, Operation operation) {
        String id = operation.getOperationId() == null ? "" : operation.getOperationId();
        String words = id.replaceAll("_\\d+$", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        String last = path.replaceAll("/\\{[^}]+}", "").replaceAll(".*/", "");
        String subject = last.replace('-', ' ');
        String verb = switch (method) {
            case GET -> "Read";
            case POST -> "Create or submit";
            case PUT -> "Replace";
            case DELETE -> "Delete";
            case PATCH -> "Change";
            default -> method.name();
        };
        return words.isBlank() || words.length() < 5 ? verb + " " + subject : capitalise(words) + " (" + subject + ")";
    }

    private static String capitalise(String words) {
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static void problems(Operation operation, PathItem.HttpMethod method, String path, boolean secured) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, String> wanted = new java.util.LinkedHashMap<>();
        wanted.put("400", "The request is invalid; 'errors' lists each problem with its field.");
        if (secured) {
            wanted.put("401", "No access token, or it is invalid, expired or revoked.");
            wanted.put("403", "The token lacks the scope, or the caller may not act on this resource.");
        }
        if (path.contains("{")) {
            wanted.put("404", "No such resource.");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            wanted.put("409", "The change conflicts with the resource's state (e.g. an illegal transition).");
        }
        wanted.put("429", "Too many requests; retry after the time in Retry-After.");
        wanted.put("500", "The service failed; the problem carries the trace id to report.");
        wanted.forEach((status, text) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, problem(status, text));
            }
        });
        operation.setResponses(responses);
    }

    private static ApiResponse problem(String status, String text) {
        Example example = new Example()
                .value(Map.of(
                        "type",
                        "https://zhengyin.example/problems/…",
                        "title",
                        text.replaceAll("[;.].*", ""),
                        "status",
                        Integer.parseInt(status),
                        "detail",
                        text,
                        "traceId",
                        "4bf92f3577b34da6a3ce929d0e0e4736"));
        return new ApiResponse()
                .description(text)
                .content(new Content()
                        .addMediaType(
                                PROBLEM,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/Problem"))
                                        .addExamples("problem", example)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("the field, e.g. fields.uscc or reason"));
        error.addProperty("message", new StringSchema());
        Schema problem = new ObjectSchema()
                .description("RFC 9457 problem details, as every error of the API is answered")
                .addProperty("type", new StringSchema().description("URI identifying the kind of problem"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("what went wrong, and how to fix it"))
                .addProperty("instance", new StringSchema())
                .addProperty("traceId", new StringSchema().description("W3C trace id of the request"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(error));
        return problem;
    }
}
