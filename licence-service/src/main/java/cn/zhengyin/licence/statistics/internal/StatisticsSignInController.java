package cn.zhengyin.licence.statistics.internal;

import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.audit.AuditRequests;
import cn.zhengyin.service.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The statistics sign-in page: the identity provider's link when OIDC is configured, and — only with
 * {@code zhengyin.statistics.dev-sign-in=true} — the plainly marked DEVELOPMENT sign-in that lets anyone act as one of
 * the configured sample administrators.
 */
@Controller
class StatisticsSignInController {
    static final String SIGN_IN_EVENT = "statistics.sign-in";
    private final StatisticsProperties properties;
    private final AuditLog audit;

    StatisticsSignInController(StatisticsProperties properties, AuditLog audit) {
        this.properties = properties;
        this.audit = audit;
    }

    @GetMapping(StatisticsSecurityConfiguration.SIGN_IN)
    String signInPage(Model model) {
        model.addAttribute("devSignIn", properties.devSignIn());
        model.addAttribute("people", properties.devSignIn() ? properties.devPeople() : List.of());
        model.addAttribute("oidc", properties.oidc().enabled());
        model.addAttribute(
                "oidcUrl",
                "/statistics/oauth2/authorization/" + properties.oidc().registrationId());
        return "statistics-sign-in";
    }

    /** DEVELOPMENT ONLY: signs in as the sample administrator {@code person}, without any credential. */
    @PostMapping(StatisticsSecurityConfiguration.SIGN_IN)
    String devSignIn(@RequestParam("person") String person, HttpServletRequest request, HttpServletResponse response) {
        if (!properties.devSignIn()) {
            failed(request, person, "the development sign-in is switched off");
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "Not Found",
                    "The development sign-in is switched off (zhengyin.statistics.dev-sign-in=false).");
        }
        StatisticsProperties.DevPerson chosen = properties.devPeople().stream()
                .filter(p -> p.id().equals(person))
                .findFirst()
                .orElseThrow(() -> {
                    failed(request, person, "not one of the sample administrators");
                    return ProblemException.validationFailed(
                            "'" + person + "' is not one of the sample administrators of the dev sign-in", List.of());
                });
        StatisticsViewer viewer = chosen.toViewer();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                viewer, null, List.of(new SimpleGrantedAuthority(StatisticsOidcUsers.ROLE)));
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate(); // a fresh session: no session fixation, and a new CSRF token
        }
        request.getSession(true);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        StatisticsSecurityConfiguration.contexts().saveContext(context, request, response);
        Map<String, String> details = AuditRequests.describe(request);
        details.put("method", "dev");
        details.put("authority", viewer.province() ? "*" : viewer.authority());
        audit.record(SIGN_IN_EVENT, AuditEvent.Outcome.SUCCESS, viewer.subject(), "", details);
        return "redirect:/statistics";
    }

    private void failed(HttpServletRequest request, String claimed, String reason) {
        Map<String, String> details = AuditRequests.describe(request);
        details.put("method", "dev");
        details.put("claimed", claimed);
        details.put("reason", reason);
        audit.record(SIGN_IN_EVENT, AuditEvent.Outcome.FAILURE, "", "", details);
    }
}
