package cn.zhengyin.trust.ses;

import java.util.Objects;

/**
 * ExtData: {@code SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }}.
 * Encoded in DER, so {@code critical} is omitted when false; an explicit FALSE is accepted on input.
 *
 * @param extnId   dotted OID of the extension
 * @param critical whether a verifier that does not know the extension must reject
 * @param value    the extension value
 */
public record ExtData(String extnId, boolean critical, byte[] value) {

    public ExtData {
        Objects.requireNonNull(extnId, "extnId");
        value = Objects.requireNonNull(value, "value").clone();
    }

    /** @return a copy of the extension value */
    @Override
    public byte[] value() {
        return value.clone();
    }
}
