package cn.zhengyin.licence.holder;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A signed-in holder: a natural person who may also act for companies.
 *
 * @param subject        stable subject of the sign-in (the identity provider's {@code sub}, or {@code dev:<id number>})
 * @param displayName    the person's name
 * @param personalCode   the person's 公民身份号码
 * @param representedCodes unified social credit codes of the companies this person is the authorised representative of
 */
public record Holder(String subject, String displayName, String personalCode, List<String> representedCodes)
        implements Serializable, java.security.Principal {

    public Holder {
        representedCodes = representedCodes == null ? List.of() : List.copyOf(representedCodes);
    }

    /** The sign-in subject: what audit events and Spring Security name this holder by. */
    @Override
    public String getName() {
        return subject;
    }

    /** Every holder code whose licences this person may see: their own and those of the companies they represent. */
    public Set<String> holderCodes() {
        Set<String> codes = new LinkedHashSet<>();
        codes.add(personalCode);
        codes.addAll(representedCodes);
        return Set.copyOf(codes);
    }

    /** Whether a licence held by {@code holderCode} belongs to this person or to a company they represent. */
    public boolean holds(String holderCode) {
        return personalCode.equals(holderCode) || representedCodes.contains(holderCode);
    }
}
