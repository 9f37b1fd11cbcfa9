package cn.zhengyin.service.problem;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Recognises the servlet container's request-size limits, which do not always arrive as Spring's
 * {@link MaxUploadSizeExceededException} (Tomcat reports them as {@code FileSizeLimitExceededException},
 * {@code SizeLimitExceededException} or {@code FileCountLimitExceededException}, often wrapped).
 */
final class UploadLimits {

    private UploadLimits() {}

    static Optional<ProblemDetail> problemFor(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (t instanceof MaxUploadSizeExceededException || name.endsWith("SizeLimitExceededException")) {
                return Optional.of(tooLarge());
            }
            if (name.equals("FileCountLimitExceededException")) {
                return Optional.of(Problems.problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "payload-too-large",
                        "Content Too Large",
                        "The request has more parts than the server accepts."));
            }
        }
        return Optional.empty();
    }

    static ProblemDetail tooLarge() {
        return Problems.problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Content Too Large",
                "The request body or an uploaded file is larger than the server accepts.");
    }
}
