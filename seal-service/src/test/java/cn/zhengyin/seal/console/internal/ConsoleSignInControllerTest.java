package cn.zhengyin.seal.console.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.server.ResponseStatusException;

class ConsoleSignInControllerTest {
    static final List<ConsoleProperties.DevPerson> PEOPLE =
            List.of(new ConsoleProperties.DevPerson("seal-approver-demo", "印章审批人", Set.of(ConsoleRole.APPROVER)));
    final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    private ConsoleSignInController controller(boolean devEnabled) {
        return new ConsoleSignInController(
                new ConsoleProperties(new ConsoleProperties.DevSignIn(devEnabled, PEOPLE), null),
                new StaticListableBeanFactory().getBeanProvider(ClientRegistrationRepository.class),
                contexts);
    }

    @Test
    void theDevelopmentSignInDoesNotExistWhenDisabled() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/console/sign-in");
        assertThatThrownBy(
                        () -> controller(false).devSignIn("seal-approver-demo", request, new MockHttpServletResponse()))
                .isInstanceOfSatisfying(
                        ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(404));
        assertThat(request.getSession(false)).isNull();
    }

    @Test
    void signingInAsASamplePersonStartsAFreshSessionWithTheirRoles() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/console/sign-in");
        var before = request.getSession(true);
        try {
            assertThat(controller(true).devSignIn("seal-approver-demo", request, new MockHttpServletResponse()))
                    .isEqualTo("redirect:/console/seals");
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(request.getSession(false)).isNotSameAs(before);
        var context = contexts.loadDeferredContext(request).get();
        ConsoleUser user = ConsoleUser.of(context.getAuthentication());
        assertThat(user.actor()).isEqualTo("seal-approver-demo");
        assertThat(user.roles()).containsExactly(ConsoleRole.APPROVER);
    }

    @Test
    void anUnknownSamplePersonIsRefused() {
        assertThatThrownBy(() ->
                        controller(true).devSignIn("root", new MockHttpServletRequest(), new MockHttpServletResponse()))
                .isInstanceOfSatisfying(
                        ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }
}
