package cn.zhengyin.catools;

import cn.zhengyin.trust.pki.CertificateIssuer;
import cn.zhengyin.trust.pki.CertificateProfile;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.CrlDistributionPoints;
import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.pki.PkiException;
import cn.zhengyin.trust.pki.devpki.DevPki;
import cn.zhengyin.trust.pki.devpki.DevPkiDeclaration;
import cn.zhengyin.trust.pki.devpki.OutputDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Adds one entity of the declaration to an existing development PKI without regenerating the rest: a fresh key and a
 * certificate issued by the entity's issuer as already stored in the directory ({@code <issuer>.p12}). Every other
 * key, certificate, CRL and the trust anchors stay as they are, so what was signed with them still verifies.
 */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Adds one declared leaf entity to an existing development PKI, issued by the stored issuer:",
            "<name>.p12 (alias = name, password " + DevPki.DEV_PASSWORD + ") and <name>.crt.pem. Other files are "
                    + "left unchanged."
        })
final class DevPkiAddCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The entity's name in the declaration, e.g. report-signer.")
    String name;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "The dev PKI directory, e.g. keys-dev; its " + DevPkiGenerateCommand.DECLARATION_FILE
                    + " declares NAME.")
    Path out;

    @Option(
            names = "--crl-base-url",
            paramLabel = "URL",
            defaultValue = CrlDistributionPoints.DEFAULT_BASE_URL,
            description = "Base of the CRL distribution point URLs <URL>/<ca-name>.crl (default: ${DEFAULT-VALUE}).")
    String crlBaseUrl;

    @Option(names = "--force", description = "Replace NAME's files if they exist.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        DevPkiDeclaration declaration = DevPkiDeclaration.parse(
                Files.readString(out.resolve(DevPkiGenerateCommand.DECLARATION_FILE), StandardCharsets.UTF_8));
        DevPkiDeclaration.Entity entity = declaration
                .entity(name)
                .orElseThrow(() -> new PkiException("'" + name
                        + "' is not declared in " + out.resolve(DevPkiGenerateCommand.DECLARATION_FILE)
                        + "; declare it "
                        + "(and list it in 'entities') first"));
        if (entity.profile() instanceof CertificateProfile.RootCa
                || entity.profile().isCa()) {
            throw new PkiException("'" + name + "' is a CA; adding a CA would need new CRLs and trust anchors: "
                    + "regenerate the whole dev PKI instead");
        }
        String issuerName = entity.issuer().orElseThrow();
        Credential issuer =
                Pkcs12.read(out.resolve(issuerName + ".p12"), issuerName, DevPki.DEV_PASSWORD.toCharArray());
        SecureRandom random = new SecureRandom();
        Credential credential = new CertificateIssuer(
                        CaTools.root(spec).clock(), random, new CrlDistributionPoints(crlBaseUrl))
                .issueCredential(
                        name, entity.profile(), entity.algorithm().generateKeyPair(random), entity.validity(), issuer);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(name + ".p12", Pkcs12.encode(credential, DevPki.DEV_PASSWORD.toCharArray()));
        files.put(
                name + ".crt.pem",
                Pem.certificates(List.of(credential.certificate())).getBytes(StandardCharsets.US_ASCII));
        OutputDirectory.writeAll(out, files, force);
        spec.commandLine()
                .getOut()
                .println("Added '" + name + "' ("
                        + credential.certificate().getSubjectX500Principal().getName() + ", issued by " + issuerName
                        + ") to the DEVELOPMENT PKI in "
                        + out);
        return 0;
    }
}
