package cn.zhengyin.trust.validation;

import java.security.cert.X509Certificate;

/**
 * The signer certificate may make signatures: its key usage has digitalSignature or nonRepudiation (contentCommitment),
 * RFC 5280 §4.2.1.3. One check shared by the PDF and XML verifiers.
 */
public final class SignerKeyUsageCheck {
    /** Check id in every report. */
    public static final String ID = "signer.key-usage";

    private SignerKeyUsageCheck() {}

    public static CheckResult of(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        if (usage == null) {
            return CheckResult.failed(
                    ID,
                    "The signer certificate has no key usage extension; "
                            + "digitalSignature or nonRepudiation is required.");
        }
        boolean digitalSignature = usage.length > 0 && usage[0];
        boolean nonRepudiation = usage.length > 1 && usage[1];
        return digitalSignature || nonRepudiation
                ? CheckResult.passed(
                        ID,
                        "Key usage" + (digitalSignature ? " digitalSignature" : "")
                                + (nonRepudiation ? " nonRepudiation" : "") + ".")
                : CheckResult.failed(
                        ID,
                        "The signer certificate's key usage allows neither digitalSignature " + "nor nonRepudiation.");
    }
}
