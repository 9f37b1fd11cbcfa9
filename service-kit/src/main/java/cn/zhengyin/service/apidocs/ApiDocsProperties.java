package cn.zhengyin.service.apidocs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code zhengyin.api-docs.*}: what the OpenAPI description says about the service.
 *
 * @param title       the API's title, e.g. "证印 电子证照服务 API (Zhengyin licence service)"
 * @param description what the API is for, in Markdown
 * @param version     the API's version
 * @param tokenUrl    where clients get tokens (client-credentials grant)
 * @param scopes      the OAuth2 scopes the service knows, with what each allows; each operation's scopes are those of
 *                    this list that its security rule accepts
 * @param summaries   operation summaries by "METHOD path" (e.g. {@code POST /api/v1/licences}), for operations whose
 *                    code gives none
 */
@ConfigurationProperties("zhengyin.api-docs")
public record ApiDocsProperties(
        String title,
        String description,
        String version,
        String tokenUrl,
        Map<String, String> scopes,
        Map<String, String> summaries) {
    public ApiDocsProperties {
        title = title == null || title.isBlank() ? "Zhengyin API" : title;
        description = description == null ? "" : description;
        version = version == null || version.isBlank() ? "v1" : version;
        tokenUrl = tokenUrl == null || tokenUrl.isBlank() ? "http://localhost:8081/oauth2/token" : tokenUrl;
        scopes = scopes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scopes));
        summaries = summaries == null ? Map.of() : Map.copyOf(summaries);
    }
}
