package cn.zhengyin.seal.registry;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The seals this service holds, by id. */
public final class SealDirectory {
    private final Map<String, Seal> seals = new LinkedHashMap<>();

    public SealDirectory(Collection<Seal> seals) {
        seals.forEach(s -> {
            if (this.seals.putIfAbsent(s.id(), s) != null) {
                throw new IllegalArgumentException("seal id " + s.id() + " is configured twice");
            }
        });
    }

    public Optional<Seal> find(String id) {
        return Optional.ofNullable(seals.get(id));
    }

    public Collection<Seal> all() {
        return seals.values();
    }
}
