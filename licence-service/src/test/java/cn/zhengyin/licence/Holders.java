package cn.zhengyin.licence;

import cn.zhengyin.trust.identifier.UnifiedSocialCreditCode;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holder codes for tests. A company holds one 营业执照 in force (templates/business-licence, {@code oneInForcePerHolder}),
 * so a test that issues one for a company nobody signs in for takes a code of its own.
 */
public final class Holders {
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final long SPACE = 31L * 31 * 31 * 31 * 31 * 31;
    private static final AtomicLong NEXT =
            new AtomicLong(ThreadLocalRandom.current().nextLong(SPACE));

    private Holders() {}

    /**
     * A valid 统一社会信用代码 (GB 32100 check character) not handed out before in this JVM: 示范市 (9901xx) enterprise
     * codes whose organisation part starts with "MAT" (T = test), so it is never one of the shipped samples' codes.
     */
    public static String uniqueUscc() {
        long n = NEXT.getAndIncrement() % SPACE;
        StringBuilder first17 = new StringBuilder("91990100MAT");
        char[] digits = new char[6];
        for (int i = 5; i >= 0; i--) {
            digits[i] = ALPHABET.charAt((int) (n % 31));
            n /= 31;
        }
        return UnifiedSocialCreditCode.completing(first17.append(digits).toString())
                .value();
    }
}
