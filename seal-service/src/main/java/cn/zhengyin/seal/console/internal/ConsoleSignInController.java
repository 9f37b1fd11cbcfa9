package cn.zhengyin.seal.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The console's sign-in page: links to the OpenID Connect providers configured (production), and — only when
 * {@code zhengyin.console.dev-sign-in.enabled=true} — the plainly marked development sign-in that lets anyone act as
 * one of the configured sample people. Sign-out is Spring Security's {@code POST /console/sign-out}.
 */
@Controller
class ConsoleSignInController {
    private final ConsoleProperties properties;
    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final SecurityContextRepository contexts;

    ConsoleSignInController(
            ConsoleProperties properties,
            ObjectProvider<ClientRegistrationRepository> registrations,
            SecurityContextRepository consoleSecurityContextRepository) {
        this.properties = properties;
        this.registrations = registrations;
        this.contexts = consoleSecurityContextRepository;
    }

    /** A configured OpenID Connect provider, offered as a sign-in link. */
    public record Provider(String id, String name, String href) {}

    @GetMapping(ConsoleSecurityConfiguration.SIGN_IN)
    String signInPage(Model model) {
        model.addAttribute("devSignIn", properties.devSignIn().enabled());
        model.addAttribute(
                "people",
                properties.devSignIn().enabled() ? properties.devSignIn().people() : List.of());
        model.addAttribute("providers", providers());
        return "console/sign-in";
    }

    @PostMapping(ConsoleSecurityConfiguration.SIGN_IN)
    String devSignIn(@RequestParam String person, HttpServletRequest request, HttpServletResponse response) {
        if (!properties.devSignIn().enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the development sign-in is disabled");
        }
        ConsoleProperties.DevPerson chosen = properties.devSignIn().people().stream()
                .filter(p -> p.id().equals(person))
                .findFirst()
                .orElseThrow(
                        () -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "no sample person '" + person + "'"));
        ConsoleUser user = new ConsoleUser(chosen.id(), chosen.name(), chosen.roles(), chosen.organisations());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(
                user, null, chosen.roles().stream().map(ConsoleRole::authority).toList());
        // a fresh session for the signed-in person (no session fixation; the CSRF token is renewed with it)
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/console/seals";
    }

    private List<Provider> providers() {
        List<Provider> result = new ArrayList<>();
        if (registrations.getIfAvailable() instanceof Iterable<?> all) {
            for (Object o : all) {
                if (o instanceof ClientRegistration r
                        && AuthorizationGrantType.AUTHORIZATION_CODE.equals(r.getAuthorizationGrantType())) {
                    result.add(new Provider(
                            r.getRegistrationId(),
                            r.getClientName(),
                            "/console/oauth2/authorization/" + r.getRegistrationId()));
                }
            }
        }
        return result;
    }
}
