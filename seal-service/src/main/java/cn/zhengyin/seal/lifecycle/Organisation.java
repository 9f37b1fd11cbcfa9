package cn.zhengyin.seal.lifecycle;

import cn.zhengyin.trust.identifier.InvalidIdentifierException;
import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;

/** The organisation that owns a seal (电子印章所有者): its legal name and 统一社会信用代码 (GB 32100, checked). */
public record Organisation(String name, String uscc) {
    public Organisation {
        if (name == null || name.isBlank()) {
            throw new SealValidationException("organisation.name", "the organisation's name is required");
        }
        name = name.strip();
        Seal.requirePrintable("organisation.name", name);
        try {
            uscc = UnifiedSocialCreditCode.parse(uscc == null ? "" : uscc.strip())
                    .value();
        } catch (InvalidIdentifierException e) {
            throw new SealValidationException("organisation.uscc", e.getMessage());
        }
    }
}
