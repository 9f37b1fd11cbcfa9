package cn.zhengyin.seal.lifecycle.internal;

import cn.zhengyin.seal.lifecycle.ConcurrentSealUpdateException;
import cn.zhengyin.seal.lifecycle.IllegalSealTransitionException;
import cn.zhengyin.seal.lifecycle.SealException;
import cn.zhengyin.seal.lifecycle.SealNotFoundException;
import cn.zhengyin.seal.lifecycle.SealValidationException;
import cn.zhengyin.service.problem.ProblemException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Seal domain exceptions as problem+json: 404 unknown seal, 409 illegal transition or conflict, 400 invalid input. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SealProblems {

    static ProblemException problem(SealException e) {
        return switch (e) {
            case SealNotFoundException n ->
                new ProblemException(HttpStatus.NOT_FOUND, "seal-not-found", "Seal not found", n.getMessage());
            case IllegalSealTransitionException t ->
                ProblemException.conflict(
                        t.fourEyes() ? "four-eyes-rule" : "illegal-seal-transition",
                        t.fourEyes() ? "Four-eyes rule" : "Illegal seal transition",
                        t.getMessage());
            case ConcurrentSealUpdateException c ->
                ProblemException.conflict("seal-changed", "Seal changed meanwhile", c.getMessage());
            case SealValidationException v ->
                ProblemException.validationFailed(
                        v.getMessage(), List.of(new ProblemException.FieldError(v.field(), v.getMessage())));
        };
    }

    @ExceptionHandler(SealException.class)
    ResponseEntity<ProblemDetail> handle(SealException e) {
        ProblemException p = problem(e);
        return ResponseEntity.status(p.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p.toProblemDetail());
    }
}
