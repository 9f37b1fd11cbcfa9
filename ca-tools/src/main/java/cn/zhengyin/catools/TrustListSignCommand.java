package cn.zhengyin.catools;

import cn.zhengyin.trust.crypto.SigningKey;
import cn.zhengyin.trust.crypto.SoftwareKeyCustody;
import cn.zhengyin.trust.pki.Credential;
import cn.zhengyin.trust.pki.Pkcs12;
import cn.zhengyin.trust.pki.devpki.DevPki;
import cn.zhengyin.trust.trustlist.TrustListException;
import cn.zhengyin.trust.trustlist.TrustListSigner;
import cn.zhengyin.trust.trustlist.TrustListXml;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "sign",
        mixinStandardHelpOptions = true,
        description = {
            "Signs an unsigned trust list (enveloped XMLDSig with XAdES B-B signed properties) with the list signer's",
            "key. The list is checked first; exit 2 if it is not acceptable."
        })
final class TrustListSignCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The unsigned list (XML).")
    Path file;

    @Option(
            names = "--signer",
            required = true,
            paramLabel = "P12",
            description = "The list signer's key and chain, e.g. keys-dev/trust-list-signer.p12.")
    Path signer;

    @Option(
            names = "--password",
            paramLabel = "PASSWORD",
            defaultValue = DevPki.DEV_PASSWORD,
            description = "PKCS#12 password (default: the dev password ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the signed list.")
    Path out;

    @Override
    public Integer call() throws Exception {
        byte[] unsigned;
        try {
            unsigned = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return TrustListCommands.usage(spec, "no such file: " + e.getFile());
        }
        Credential credential = Pkcs12.read(signer, password.toCharArray());
        SigningKey key = SoftwareKeyCustody.fromKey(credential.name(), credential.privateKey(), credential.chain());
        byte[] signed;
        try {
            signed = new TrustListSigner()
                    .sign(unsigned, key, CaTools.root(spec).clock().instant());
        } catch (TrustListException e) {
            return TrustListCommands.usage(spec, e.getMessage());
        }
        Files.write(out, signed);
        var list = TrustListXml.parse(signed);
        spec.commandLine()
                .getOut()
                .println("Signed trust list sequence " + list.scheme().sequenceNumber() + " ("
                        + list.authorities().size() + " authorit"
                        + (list.authorities().size() == 1 ? "y" : "ies")
                        + ", next update " + list.scheme().nextUpdate() + ") with "
                        + credential.certificate().getSubjectX500Principal().getName() + " to " + out);
        return 0;
    }
}
