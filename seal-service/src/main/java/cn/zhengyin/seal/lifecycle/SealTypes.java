package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.seal.SealType;

/** Seal type codes as the seal lifecycle reads them from callers: an unknown code is a validation error. */
public final class SealTypes {
    private SealTypes() {}

    /** The type with code {@code code} ({@code "01"}…{@code "99"}) or constant name. */
    public static SealType ofCode(String code) {
        return SealType.parse(code)
                .orElseThrow(() -> new SealValidationException(
                        "type", "seal type code '" + code + "' is not one of " + SealType.codeList()));
    }
}
