package cn.zhengyin.licence.statistics;

/** What a daily counter document counts. */
public enum Measure {
    /** Licence events (ISSUED, AMENDED, …) by licence type: keys {@code <type code>|<event>}. */
    LICENCES("licences"),
    /** Verifications by conclusion: keys {@code VALID}, {@code NOT_IN_FORCE}, {@code FAILED}, {@code INDETERMINATE}. */
    VERIFICATIONS("verifications"),
    /**
     * Field releases (fields read, use codes redeemed, 加注件): keys {@code basis|consent}, {@code basis|use-code},
     * {@code basis|duty}, {@code client|<client id>} and, for reads by duty, {@code item|<client id>|<事项编码>}.
     */
    FIELD_REUSE("field-reuse");

    private final String id;

    Measure(String id) {
        this.id = id;
    }

    /** The name stored in the counter documents. */
    public String id() {
        return id;
    }

    public static Measure ofId(String id) {
        for (Measure m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown measure '" + id + "'");
    }
}
