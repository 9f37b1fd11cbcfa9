package cn.zhengyin.trust.trustlist;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The content of a trust list: scheme information and the listed authorities. Unverified by itself. */
public record TrustList(SchemeInformation scheme, List<ListedAuthority> authorities) {
    public TrustList {
        Objects.requireNonNull(scheme, "scheme");
        authorities = List.copyOf(authorities);
        Set<String> codes = new HashSet<>();
        for (ListedAuthority authority : authorities) {
            if (!codes.add(authority.uscc().value())) {
                throw SchemeInformation.malformed("the authority " + authority.uscc() + " is listed twice");
            }
        }
    }

    public Optional<ListedAuthority> authority(String uscc) {
        return authorities.stream().filter(a -> a.uscc().value().equals(uscc)).findFirst();
    }
}
