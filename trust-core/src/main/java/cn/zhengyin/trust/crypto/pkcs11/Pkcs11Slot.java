package cn.zhengyin.trust.crypto.pkcs11;

/**
 * Which slot of a PKCS#11 library holds the token. SunPKCS11 selects a slot by id or by its index in the library's
 * slot list; it cannot select by token label, so resolve a label to a slot id first (e.g.
 * {@code softhsm2-util --show-slots}, {@code pkcs11-tool --list-slots}).
 */
public sealed interface Pkcs11Slot {

    /** The SunPKCS11 configuration line selecting this slot. */
    String configLine();

    /** A slot by its PKCS#11 slot id (SoftHSM2 assigns a random id when a token is initialised). */
    record Id(long id) implements Pkcs11Slot {
        @Override
        public String configLine() {
            return "slot = " + id;
        }
    }

    /** A slot by its zero-based position in the library's slot list. */
    record ListIndex(int index) implements Pkcs11Slot {
        public ListIndex {
            if (index < 0) {
                throw new IllegalArgumentException("slot list index " + index + " is negative");
            }
        }

        @Override
        public String configLine() {
            return "slotListIndex = " + index;
        }
    }
}
