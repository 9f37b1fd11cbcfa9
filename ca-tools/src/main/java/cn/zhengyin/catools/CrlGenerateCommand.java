package cn.zhengyin.catools;

import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlIssuer;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.pki.RevokedCertificate;
import cn.zhengyin.trust.pki.devpki.DevPki;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Issues a fresh CRL signed by a CA, listing exactly the given revocations.",
            "Output is PEM if FILE ends in .pem, else DER."
        })
final class CrlGenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--ca",
            required = true,
            paramLabel = "P12",
            description = "CA key and chain, e.g. keys-dev/seal-ca.p12.")
    Path ca;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            defaultValue = DevPki.DEV_PASSWORD,
            description = "PKCS#12 password (default: the dev password ${DEFAULT-VALUE}).")
    String password;

    @Option(
            names = "--revoke",
            paramLabel = "SERIAL:reason[:instant]",
            description = {
                "A revoked certificate: hex serial, reason (keyCompromise, certificateHold, superseded, ...),",
                "optional ISO-8601 revocation time (default now). Repeatable."
            })
    List<String> revocations = new ArrayList<>();

    @Option(
            names = "--next-update",
            paramLabel = "DURATION",
            defaultValue = "P30D",
            description = "nextUpdate after thisUpdate, ISO-8601 duration (default: ${DEFAULT-VALUE}).")
    Duration nextUpdate;

    @Option(
            names = "--number",
            paramLabel = "N",
            description = "CRL number (default: thisUpdate in epoch seconds, which grows with time).")
    BigInteger number;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CRL.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Clock clock = CaTools.root(spec).clock();
        List<RevokedCertificate> revoked = revocations.stream()
                .map(spec1 -> RevokedCertificate.parse(spec1, clock.instant()))
                .toList();
        Credential credential = Pkcs12.read(ca, password.toCharArray());
        CrlIssuer issuer = new CrlIssuer(clock);
        X509CRL crl = issuer.issue(credential, number != null ? number : issuer.nextCrlNumber(), nextUpdate, revoked);
        byte[] bytes = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pem")
                ? Pem.crl(crl).getBytes(StandardCharsets.US_ASCII)
                : crl.getEncoded();
        Files.write(out, bytes);
        spec.commandLine()
                .getOut()
                .println("Wrote CRL of "
                        + credential.certificate().getSubjectX500Principal().getName() + " with " + revoked.size()
                        + " entr" + (revoked.size() == 1 ? "y" : "ies") + " to " + out);
        return 0;
    }
}
