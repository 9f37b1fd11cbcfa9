package cn.zhengyin.seal.console.internal;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a signed-in person may do in the console; the same capabilities as the API scopes of the same name.
 * Authorities are {@code CONSOLE_APPLICANT}, {@code CONSOLE_APPROVER}, {@code CONSOLE_ADMINISTRATOR},
 * {@code CONSOLE_PROVINCE}.
 */
public enum ConsoleRole {
    /** 申请人: applies for seals ({@code seal:apply}). */
    APPLICANT("seal:apply"),
    /** 审批人: approves or rejects applications, never their own ({@code seal:approve}). */
    APPROVER("seal:approve"),
    /** 管理员: makes, issues, suspends, reinstates, revokes, destroys seals and grants authorisations ({@code seal:admin}). */
    ADMINISTRATOR("seal:admin"),
    /**
     * 全省: sees the seals of every organisation (others see only their own organisations' seals and their own
     * applications). Adds no action; the other roles decide what they may do.
     */
    PROVINCE("seal:all-organisations");

    private final String scope;

    ConsoleRole(String scope) {
        this.scope = scope;
    }

    /** The API scope with the same capability, also the default role value in the OpenID Connect roles claim. */
    public String scope() {
        return scope;
    }

    public GrantedAuthority authority() {
        return new SimpleGrantedAuthority("CONSOLE_" + name());
    }

    public static Optional<ConsoleRole> ofAuthority(String authority) {
        return Arrays.stream(values())
                .filter(r -> ("CONSOLE_" + r.name()).equals(authority))
                .findFirst();
    }
}
