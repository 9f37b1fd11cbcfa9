package cn.zhengyin.licence.holder.internal;

import cn.zhengyin.licence.holder.CurrentHolder;
import cn.zhengyin.licence.holder.Holder;
import cn.zhengyin.service.audit.AuditEvent;
import cn.zhengyin.service.audit.AuditLog;
import cn.zhengyin.service.audit.AuditRequests;
import cn.zhengyin.service.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The sign-in page, the DEVELOPMENT sign-in that picks a sample holder, and {@code GET /api/v1/holder/me}.
 */
@Controller
class HolderSignInController {
    private final HolderProperties properties;
    private final SecurityContextRepository contexts;
    private final CurrentHolder currentHolder;
    private final AuditLog audit;

    HolderSignInController(
            HolderProperties properties,
            SecurityContextRepository holderSecurityContextRepository,
            CurrentHolder currentHolder,
            AuditLog audit) {
        this.properties = properties;
        this.contexts = holderSecurityContextRepository;
        this.currentHolder = currentHolder;
        this.audit = audit;
    }

    @GetMapping(HolderSignInConfiguration.SIGN_IN_PAGE)
    String signInPage(Model model) {
        model.addAttribute("devSignIn", properties.devSignIn());
        model.addAttribute("devHolders", properties.devSignIn() ? properties.devHolders() : List.of());
        model.addAttribute("oidc", properties.oidc().enabled());
        model.addAttribute(
                "oidcUrl", "/oauth2/authorization/" + properties.oidc().registrationId());
        return "sign-in";
    }

    /** DEVELOPMENT ONLY: signs in as the sample holder with this 公民身份号码, without any credential. */
    @PostMapping(HolderSignInConfiguration.SIGN_IN_PAGE + "/dev")
    String devSignIn(
            @RequestParam("holder") String personalCode, HttpServletRequest request, HttpServletResponse response) {
        if (!properties.devSignIn()) {
            signInFailed(request, personalCode, "the development sign-in is switched off");
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "Not Found",
                    "The development sign-in is switched off (zhengyin.holders.dev-sign-in=false).");
        }
        HolderProperties.DevHolder chosen = properties.devHolders().stream()
                .filter(h -> h.personalCode().equals(personalCode))
                .findFirst()
                .orElseThrow(() -> {
                    signInFailed(request, personalCode, "not one of the sample holders of the dev sign-in");
                    return ProblemException.validationFailed(
                            "holder '" + personalCode + "' is not one of the sample holders of the dev sign-in",
                            List.of());
                });
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                chosen.toHolder(), null, List.of(new SimpleGrantedAuthority("ROLE_HOLDER")));
        request.getSession(true);
        request.changeSessionId(); // no session fixation
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        Map<String, String> details = AuditRequests.describe(request);
        details.put("method", "dev");
        audit.record(SIGN_IN, AuditEvent.Outcome.SUCCESS, chosen.toHolder().subject(), "", details);
        return "redirect:/wallet";
    }

    static final String SIGN_IN = "holder.sign-in";

    private void signInFailed(HttpServletRequest request, String claimed, String reason) {
        Map<String, String> details = AuditRequests.describe(request);
        details.put("method", "dev");
        details.put("claimed", claimed);
        details.put("reason", reason);
        audit.record(SIGN_IN, AuditEvent.Outcome.FAILURE, "", "", details);
    }

    /** Who is signed in: name, personal code and the companies represented. */
    @GetMapping("/api/v1/holder/me")
    @ResponseBody
    Map<String, Object> me() {
        Holder holder = currentHolder.require();
        return Map.of(
                "name",
                holder.displayName(),
                "personalCode",
                holder.personalCode(),
                "representedCodes",
                holder.representedCodes(),
                "holderCodes",
                holder.holderCodes());
    }
}
