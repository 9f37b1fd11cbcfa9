package cn.zhengyin.service.problem;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * Recognises the servlet container's request-size limits, which do not always arrive as Spring's
 * {@link MaxUploadSizeExceededException} (Tomcat reports them as {@code FileSizeLimitExceededException},
 * {@code SizeLimitExceededException} or {@code FileCountLimitExceededException}, often wrapped); and describes a
 * multipart body that cannot be read at all.
 */
public final class UploadLimits {

    private UploadLimits() {}

    /** The 413 problem of a request-size limit somewhere in the exception's causes, if there is one. */
    public static Optional<ProblemDetail> problemFor(Throwable exception) {
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

    /** A multipart body the parser could not read: the client's error, said without the parser's words. */
    public static ProblemDetail malformedMultipart() {
        return Problems.problem(
                HttpStatus.BAD_REQUEST,
                "malformed-multipart",
                "Malformed multipart body",
                "The multipart/form-data body could not be read: it is incomplete (it ends before its closing"
                        + " boundary) or malformed. Send the whole body, each part with its headers, and the closing"
                        + " boundary '--<boundary>--'.");
    }

    /** The innermost cause's message, for the log. */
    static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    static ProblemDetail tooLarge() {
        return Problems.problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Content Too Large",
                "The request body or an uploaded file is larger than the server accepts.");
    }
}
