package cn.zhengyin.licence.wallet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Masked values and download names of the wallet pages. */
class WalletViewsTest {

    @Test
    void citizenNumbersAndPhoneNumbersAreMaskedOtherValuesKeepOnlyTheirEnds() {
        assertThat(WalletViews.mask("990101198807214622")).isEqualTo("990101********4622");
        assertThat(WalletViews.mask("99010119880721462X")).isEqualTo("990101********462X");
        assertThat(WalletViews.mask("13812345678")).isEqualTo("138****5678");
        assertThat(WalletViews.mask("0755-12345678")).doesNotContain("1234567");
        assertThat(WalletViews.mask("男")).isEqualTo("*");
        assertThat(WalletViews.mask("张三丰")).isEqualTo("张*丰");
        assertThat(WalletViews.masked(java.util.Optional.empty(), "hotline", "13812345678"))
                .isTrue();
        assertThat(WalletViews.masked(java.util.Optional.empty(), "name", "示范市青禾数字科技有限公司"))
                .isFalse();
        assertThat(WalletViews.masked(java.util.Optional.empty(), "complaintHotline", "12315"))
                .isFalse();
    }

    @Test
    void theContentDispositionHasAnAsciiNameAndTheUtf8NameOfRfc5987() {
        String header = WalletViews.contentDisposition("1.2.156.3005.2.x.001.pdf", "营业执照-示范市青禾数字科技有限公司-001.pdf");
        assertThat(header).startsWith("attachment; filename=\"1.2.156.3005.2.x.001.pdf\"; filename*=UTF-8''");
        String encoded = header.substring(header.indexOf("UTF-8''") + 7);
        assertThat(encoded).matches("[A-Za-z0-9%!#$&+.^_`|~-]+");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("营业执照-示范市青禾数字科技有限公司-001.pdf");
    }
}
