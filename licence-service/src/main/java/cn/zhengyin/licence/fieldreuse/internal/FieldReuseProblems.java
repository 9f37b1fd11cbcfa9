package cn.zhengyin.licence.fieldreuse.internal;

import cn.zhengyin.licence.fieldreuse.FieldReuseException;
import cn.zhengyin.service.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Field-reuse refusals as problem+json: 403 with the reason (never a field value) and, when fields are not covered,
 * their keys in {@code fieldsNotCovered}; 400; 404.
 */
@RestControllerAdvice(
        assignableTypes = {
            HolderFieldReuseController.class,
            ThirdPartyFieldController.class,
            IssuerUsageRecordController.class
        })
@Order(Ordered.HIGHEST_PRECEDENCE)
class FieldReuseProblems {

    @ExceptionHandler(FieldReuseException.class)
    ResponseEntity<ProblemDetail> refused(FieldReuseException e) {
        HttpStatus status = switch (e.kind()) {
            case REFUSED -> HttpStatus.FORBIDDEN;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case NOT_IN_FORCE -> HttpStatus.CONFLICT;
        };
        String title = switch (e.kind()) {
            case REFUSED -> "Not covered by consent, use code or duty";
            case INVALID -> "Invalid request";
            case NOT_FOUND -> "Not found";
            case NOT_IN_FORCE -> "Licence not in force";
        };
        ProblemDetail problem = new ProblemException(status, e.slug(), title, e.getMessage()).toProblemDetail();
        if (!e.fieldsNotCovered().isEmpty()) {
            problem.setProperty("fieldsNotCovered", e.fieldsNotCovered());
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
