/**
 * The services' API description (OpenAPI 3.1 at {@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui}, served from
 * the springdoc webjar: nothing from a CDN): title and description from configuration, the OAuth2 client-credentials
 * scheme, each operation's scopes read from the service's own security rules, and the problem+json answers.
 */
package cn.zhengyin.service.apidocs;
