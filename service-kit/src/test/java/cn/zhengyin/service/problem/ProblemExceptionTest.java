package cn.zhengyin.service.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemExceptionTest {

    @Test
    void anExtensionMemberIsRenderedBesideTheStandardOnes() {
        ProblemDetail problem = ProblemException.conflict(
                        "holder-has-licence", "Holder already has a licence in force", "holder X has licence L")
                .with("licence", "1.2.156.3005.2.L")
                .toProblemDetail();

        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("holder X has licence L");
        assertThat(problem.getProperties()).containsEntry("licence", "1.2.156.3005.2.L");
    }

    @Test
    void aStandardMemberCannotBeOverwrittenByAnExtension() {
        ProblemException e =
                new ProblemException(HttpStatus.BAD_REQUEST, "validation-failed", "Validation failed", "d");
        for (String name : List.of("type", "title", "status", "detail", "instance", "errors", "x", "has space")) {
            assertThatThrownBy(() -> e.with(name, "v")).as(name).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(e.toProblemDetail().getProperties()).isNullOrEmpty();
    }
}
