package cn.zhengyin.licence.holder.internal;

import cn.zhengyin.licence.holder.Holder;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How holders sign in ({@code zhengyin.holders.*}).
 *
 * @param devSignIn  whether the built-in DEVELOPMENT sign-in is offered; off unless configured, on in the dev config
 * @param devHolders the sample holders the dev sign-in lets you pick
 * @param oidc       sign-in through the province's unified identity provider
 */
@ConfigurationProperties("zhengyin.holders")
public record HolderProperties(
        @DefaultValue("false") boolean devSignIn,
        List<DevHolder> devHolders,
        @DefaultValue Oidc oidc) {

    public HolderProperties {
        devHolders = devHolders == null ? List.of() : List.copyOf(devHolders);
    }

    /** A sample holder for the dev sign-in. */
    public record DevHolder(String name, String personalCode, List<String> represents, List<String> representsNames) {
        public DevHolder {
            represents = represents == null ? List.of() : List.copyOf(represents);
            representsNames = representsNames == null ? List.of() : List.copyOf(representsNames);
        }

        Holder toHolder() {
            return new Holder("dev:" + personalCode, name, personalCode, represents);
        }
    }

    /**
     * OpenID Connect sign-in. The client registration itself is ordinary Spring Security configuration
     * ({@code spring.security.oauth2.client.registration.<registrationId>} with {@code authorization-grant-type:
     * authorization_code} and {@code scope: openid,...}); these properties name it and say which ID-token claims carry
     * the holder codes.
     *
     * @param registrationId         the client registration to sign in with; empty disables OIDC sign-in
     * @param personalCodeClaim      claim with the person's 公民身份号码
     * @param representedCodesClaim  claim with the list of unified social credit codes the person represents
     * @param nameClaim              claim with the person's name
     */
    public record Oidc(
            @DefaultValue("") String registrationId,
            @DefaultValue("id_card_number") String personalCodeClaim,
            @DefaultValue("represented_uscc") String representedCodesClaim,
            @DefaultValue("name") String nameClaim) {
        public boolean enabled() {
            return !registrationId.isBlank();
        }
    }
}
