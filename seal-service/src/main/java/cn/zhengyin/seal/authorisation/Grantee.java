package cn.zhengyin.seal.authorisation;

import java.util.Objects;

/**
 * Who is named in an authorisation, or who asks to sign: an OAuth2 client (its client id) or a person (their subject at
 * the identity provider). The two are separate namespaces: the person {@code licence-service} is not the client
 * {@code licence-service}.
 */
public record Grantee(GranteeKind kind, String name) {
    public Grantee {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a grantee needs a name: an OAuth2 client id or a person's subject");
        }
    }

    public static Grantee client(String clientId) {
        return new Grantee(GranteeKind.CLIENT, clientId);
    }

    public static Grantee person(String subject) {
        return new Grantee(GranteeKind.PERSON, subject);
    }

    /** As the usage log and refusals show it: a client by its id, a person as {@code person:<subject>}. */
    @Override
    public String toString() {
        return kind == GranteeKind.CLIENT ? name : "person:" + name;
    }
}
