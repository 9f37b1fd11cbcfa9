package cn.zhengyin.licence.licencetype;

/** Who may see a field's value when a licence is shared or verified. */
public enum Sensitivity {
    /** Shown on public verification pages. */
    PUBLIC,
    /** Shown to the holder and to authorised relying parties. */
    RESTRICTED,
    /** Personal information: masked unless the holder consented (e.g. citizen identity numbers). */
    SENSITIVE
}
