package cn.zhengyin.licence.licencetype;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The licence types (证照目录) the service knows, found by type code or by template slug. */
public final class LicenceTypeCatalogue {
    private final Map<String, LicenceType> byCode = new LinkedHashMap<>();
    private final Map<String, LicenceType> bySlug = new LinkedHashMap<>();

    public LicenceTypeCatalogue(List<LicenceType> types) {
        for (LicenceType t : types) {
            if (byCode.putIfAbsent(t.typeCode(), t) != null) {
                throw new IllegalArgumentException("licence type code " + t.typeCode() + " is defined twice");
            }
            bySlug.put(t.slug(), t);
        }
    }

    /** By 21-character type code or by the template folder's name. */
    public Optional<LicenceType> find(String codeOrSlug) {
        if (codeOrSlug == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byCode.get(codeOrSlug)).or(() -> Optional.ofNullable(bySlug.get(codeOrSlug)));
    }

    public Collection<LicenceType> all() {
        return byCode.values();
    }
}
