package cn.zhengyin.trust.ses;

/**
 * Walks DER tag-length-value headers without recursion before any parser sees the bytes: exactly one definite-length
 * element, lengths inside their parent, bounded size and nesting depth. A recursive parser can then not overflow the
 * stack or read past the end.
 */
final class DerScanner {

    private DerScanner() {}

    static void check(byte[] in, int maxBytes, int maxDepth, String what) {
        if (in == null || in.length == 0) {
            throw new SesFormatException(what + " is empty; expected a DER-encoded ASN.1 SEQUENCE.");
        }
        if (in.length > maxBytes) {
            throw new SesFormatException(what + " has " + in.length + " bytes; at most " + maxBytes
                    + " are accepted. Seals and seal signatures are small; a larger input is not one.");
        }
        int[] ends = new int[maxDepth + 1];
        ends[0] = in.length;
        int depth = 0;
        int pos = 0;
        boolean first = true;
        while (true) {
            while (depth > 0 && pos == ends[depth]) {
                depth--;
            }
            if (depth == 0 && pos == in.length && !first) {
                return;
            }
            if (depth == 0 && !first) {
                throw new SesFormatException(what + " has " + (in.length - pos) + " trailing byte(s) after the DER "
                        + "element, at offset " + pos + ".");
            }
            first = false;
            int start = pos;
            int limit = ends[depth];
            int tag = in[pos++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                int count = 0;
                int b;
                do {
                    if (pos >= limit || ++count > 4) {
                        throw new SesFormatException(what + ": malformed high tag number at offset " + start + ".");
                    }
                    b = in[pos++] & 0xff;
                } while ((b & 0x80) != 0);
            }
            if (pos >= limit) {
                throw new SesFormatException(
                        what + " is truncated: the element at offset " + start + " has no length.");
            }
            int first8 = in[pos++] & 0xff;
            long length;
            if (first8 < 0x80) {
                length = first8;
            } else if (first8 == 0x80) {
                throw new SesFormatException(
                        what + ": indefinite length (BER) at offset " + start + "; GB/T 38540 structures are DER.");
            } else {
                int n = first8 & 0x7f;
                if (n > 4) {
                    throw new SesFormatException(what + ": length field of " + n + " bytes at offset " + start + ".");
                }
                length = 0;
                for (int i = 0; i < n; i++) {
                    if (pos >= limit) {
                        throw new SesFormatException(what + " is truncated inside the length at offset " + start + ".");
                    }
                    length = (length << 8) | (in[pos++] & 0xff);
                }
            }
            if (length > limit - pos) {
                throw new SesFormatException(what + " is truncated: the element at offset " + start + " declares "
                        + length + " content bytes but only " + (limit - pos) + " remain.");
            }
            if ((tag & 0x20) != 0) {
                if (depth == maxDepth) {
                    throw new SesFormatException(what + " nests deeper than " + maxDepth + " levels at offset " + start
                            + "; the structure needs fewer.");
                }
                depth++;
                ends[depth] = pos + (int) length;
            } else {
                pos += (int) length;
            }
        }
    }
}
