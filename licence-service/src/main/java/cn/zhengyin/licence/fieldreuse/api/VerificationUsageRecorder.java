package cn.zhengyin.licence.fieldreuse.api;

import cn.zhengyin.licence.fieldreuse.FieldReuse;
import cn.zhengyin.licence.verification.LicenceVerificationReport;
import cn.zhengyin.licence.verification.SignedVerificationReport;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Records a usage record (kind VERIFICATION) when a registered client verifies a licence file: verification stays
 * public, and when the request carries a valid bearer token, the report about to be written is inspected here — no
 * change to the verification controller. Only reports whose file the registry found are recorded (they name the
 * licence); an optional {@code Zhengyin-Purpose} request header (UTF-8, percent-encoded: HTTP header values are
 * ASCII) is kept as the purpose. Recording never fails the
 * verification.
 */
@ControllerAdvice
class VerificationUsageRecorder implements ResponseBodyAdvice<Object> {
    static final String PURPOSE_HEADER = "Zhengyin-Purpose";
    private static final Logger LOG = LoggerFactory.getLogger(VerificationUsageRecorder.class);
    private final FieldReuse fieldReuse;

    VerificationUsageRecorder(FieldReuse fieldReuse) {
        this.fieldReuse = fieldReuse;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return LicenceVerificationReport.class.isAssignableFrom(returnType.getParameterType())
                || SignedVerificationReport.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        LicenceVerificationReport report = body instanceof SignedVerificationReport signed
                ? signed.report()
                : body instanceof LicenceVerificationReport plain ? plain : null;
        if (report != null
                && authentication instanceof JwtAuthenticationToken jwt
                && report.registry().found()) {
            try {
                Optional<String> purpose = Optional.ofNullable(
                                request.getHeaders().getFirst(PURPOSE_HEADER))
                        .map(VerificationUsageRecorder::decode)
                        .map(p -> p.length() > 200 ? p.substring(0, 200) : p);
                report.registry()
                        .identifier()
                        .ifPresent(identifier ->
                                fieldReuse.recordVerification(jwt.getToken().getSubject(), identifier, purpose));
            } catch (RuntimeException e) {
                LOG.warn("verification by {} not recorded as a usage record: {}", jwt.getName(), e.toString());
            }
        }
        return body;
    }

    private static String decode(String header) {
        try {
            return java.net.URLDecoder.decode(header, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return header;
        }
    }
}
