package cn.zhengyin.seal.authorisation;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who can be named in an authorisation to use a seal: the OAuth2 clients registered at the authorisation server (that
 * sign through the API) and the people of the identity provider's directory. Clients and people are separate
 * namespaces. A name the directory does not know cannot be granted, and a stored authorisation whose grantee it no
 * longer knows lets nobody sign.
 */
public final class GranteeDirectory {
    /** Characters of name patterns; an authorisation names one client or one person, never a pattern. */
    private static final String WILDCARDS = "*?%[]";

    private final Set<String> clients;
    private final Set<String> people;

    /**
     * @param clients client ids of the registered OAuth2 clients that may be authorised
     * @param people  subjects of the people of the identity provider's directory that may be authorised
     */
    public GranteeDirectory(Set<String> clients, Set<String> people) {
        this.clients = Set.copyOf(clients);
        this.people = Set.copyOf(people);
    }

    public boolean knows(Grantee grantee) {
        return switch (grantee.kind()) {
            case CLIENT -> clients.contains(grantee.name());
            case PERSON -> people.contains(grantee.name());
        };
    }

    /** True if the name holds a pattern character ({@code * ? % [ ]}). */
    public static boolean isWildcard(String name) {
        return name.chars().anyMatch(c -> WILDCARDS.indexOf(c) >= 0);
    }

    /** Why this grantee cannot be named in an authorisation, or empty if it can. */
    public Optional<String> whyNotGrantable(Grantee grantee) {
        String name = grantee.name();
        if (isWildcard(name)) {
            return Optional.of("grantee '" + name + "' is a wildcard: an authorisation names one OAuth2"
                    + " client or one person, never a pattern");
        }
        if (knows(grantee)) {
            return Optional.empty();
        }
        return Optional.of(
                switch (grantee.kind()) {
                    case CLIENT ->
                        "'" + name + "' is not a registered OAuth2 client that may be authorised (known: "
                                + String.join(", ", new TreeSet<>(clients))
                                + "); for a person, set granteeKind PERSON";
                    case PERSON ->
                        "'" + name + "' is not a person known to the identity provider's directory (people are"
                                + " not clients: for an OAuth2 client, set granteeKind CLIENT)";
                });
    }
}
