package cn.zhengyin.catools;

import cn.zhengyin.trust.pki.CertificateSummary;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.pki.devpki.DevPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Prints subject, issuer, serial, validity, key usages and extended key usages of each certificate"
                + " in FILE (PEM, DER, or PKCS#12 .p12/.pfx: its chain).")
final class CertShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Certificate file.")
    Path file;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            defaultValue = DevPki.DEV_PASSWORD,
            description = "PKCS#12 password (default: the dev password ${DEFAULT-VALUE}).")
    String password;

    @Override
    public Integer call() throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        List<X509Certificate> certificates = name.endsWith(".p12") || name.endsWith(".pfx")
                ? Pkcs12.read(file, password.toCharArray()).chain()
                : Pem.parseCertificates(Files.readAllBytes(file));
        var out = spec.commandLine().getOut();
        for (int i = 0; i < certificates.size(); i++) {
            if (i > 0) {
                out.println();
            }
            out.println(CertificateSummary.of(certificates.get(i)).render());
        }
        return 0;
    }
}
