package cn.zhengyin.service.testapp;

import cn.zhengyin.service.problem.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
class TestController {

    record Greeting(@NotBlank String name, @Min(1) int count) {}

    @PostMapping(path = "/test/greetings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Greeting greet(@Valid @RequestBody Greeting greeting) {
        return greeting;
    }

    @GetMapping("/test/square")
    Map<String, Object> square(@RequestParam int n) {
        return TestApplication.ok(n * n);
    }

    @PostMapping(path = "/test/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> upload(@RequestPart("file") MultipartFile file) {
        return TestApplication.ok(file.getSize());
    }

    @GetMapping("/test/problem")
    Map<String, Object> problem() {
        throw ProblemException.validationFailed(
                "2 fields of the licence are invalid",
                List.of(
                        new ProblemException.FieldError("holder.name", "must not be blank"),
                        new ProblemException.FieldError("validUntil", "must be after validFrom")));
    }

    @GetMapping("/test/conflict")
    Map<String, Object> conflict() {
        throw new ProblemException(
                HttpStatus.CONFLICT,
                "version-conflict",
                "Version conflict",
                "Licence ZY-1 was changed by another request; reload it and retry");
    }

    @GetMapping("/test/boom")
    Map<String, Object> boom() {
        throw new IllegalStateException("secret-internal-detail at /etc/zhengyin/keys");
    }

    @GetMapping("/test/send-error")
    void sendError(@RequestParam int status, HttpServletResponse response) throws IOException {
        response.sendError(status, "container-level reason that must not leak");
    }

    @GetMapping("/secure/whoami")
    Map<String, Object> whoami(Authentication authentication) {
        return Map.of(
                "name",
                authentication.getName(),
                "authorities",
                authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(a -> a.startsWith("SCOPE_"))
                        .sorted()
                        .toList());
    }

    @PostMapping("/secure/write")
    Map<String, Object> write() {
        return TestApplication.ok(true);
    }
}
