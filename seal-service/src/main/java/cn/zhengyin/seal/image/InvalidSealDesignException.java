package cn.zhengyin.seal.image;

import cn.zhengyin.trust.TrustException;
import java.util.List;

/** A seal design that cannot be drawn; {@link #problems()} lists each field with what is wrong and the allowed range. */
public final class InvalidSealDesignException extends TrustException {
    private final List<String> problems;

    public InvalidSealDesignException(List<String> problems) {
        super("invalid seal design: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code "field: message"}. */
    public List<String> problems() {
        return problems;
    }
}
