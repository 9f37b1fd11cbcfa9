package cn.zhengyin.seal.signing.internal;

import cn.zhengyin.seal.authorisation.Grantee;
import cn.zhengyin.seal.signing.SigningRefusedException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who asks to sign, from the bearer token: the OAuth2 client ({@code sub}, a client-credentials token, whose
 * {@code client_id} is absent or the subject itself), or a person ({@code sub} of a token issued to a client on a
 * person's behalf, whose {@code client_id} differs). Persons and clients are separate namespaces (issue #14).
 */
final class SigningCaller {
    private SigningCaller() {}

    static Grantee of(Jwt token) {
        String subject = token.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new SigningRefusedException("the bearer token names no subject, so no authorisation can cover it");
        }
        Object clientId = token.getClaims().get("client_id");
        return clientId == null || subject.equals(String.valueOf(clientId))
                ? Grantee.client(subject)
                : Grantee.person(subject);
    }
}
