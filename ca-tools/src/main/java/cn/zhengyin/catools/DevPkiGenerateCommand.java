package cn.zhengyin.catools;

import cn.zhengyin.trust.pki.CrlDistributionPoints;
import cn.zhengyin.trust.pki.devpki.DevPki;
import cn.zhengyin.trust.pki.devpki.DevPkiDeclaration;
import cn.zhengyin.trust.pki.devpki.DevPkiGenerator;
import cn.zhengyin.trust.pki.devpki.OutputDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Generates the whole development PKI from its declaration (dev-pki.properties):",
            "<name>.p12 (key + chain, alias = name, password " + DevPki.DEV_PASSWORD + "), <name>.crt.pem,",
            "<ca>.crl (empty initial CRL, DER), trust-anchors.pem, and a copy of the declaration."
        })
final class DevPkiGenerateCommand implements Callable<Integer> {
    static final String DECLARATION_FILE = "dev-pki.properties";

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory, e.g. keys-dev.")
    Path out;

    @Option(
            names = "--declaration",
            paramLabel = "FILE",
            description = "PKI declaration (default: DIR/" + DECLARATION_FILE + " if present, else the built-in one).")
    Path declaration;

    /** The built-in declarations, by profile name. */
    enum Profile {
        zhengyin(DECLARATION_FILE),
        /** A second, independent dev PKI: another province's authorities, for trust list (证照互认) tests. */
        other_province("other-province.properties");

        final String resource;

        Profile(String resource) {
            this.resource = resource;
        }
    }

    @Option(
            names = "--profile",
            paramLabel = "PROFILE",
            converter = ProfileConverter.class,
            description = "A built-in declaration instead of DIR/" + DECLARATION_FILE
                    + ": zhengyin (this province's dev PKI) or other-province (a second, independent dev PKI"
                    + " of another province's authority).")
    Profile profile;

    static final class ProfileConverter implements picocli.CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            for (Profile p : Profile.values()) {
                if (p.name().replace('_', '-').equals(value)) {
                    return p;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "'" + value + "' is not a profile; use zhengyin or other-province");
        }
    }

    @Option(
            names = "--crl-base-url",
            paramLabel = "URL",
            defaultValue = CrlDistributionPoints.DEFAULT_BASE_URL,
            description = "Base of the CRL distribution point URLs <URL>/<ca-name>.crl (default: ${DEFAULT-VALUE}).")
    String crlBaseUrl;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (declaration != null && profile != null) {
            return TrustListCommands.usage(spec, "give either --declaration or --profile, not both");
        }
        byte[] declarationBytes = declarationBytes();
        DevPkiDeclaration parsed = DevPkiDeclaration.parse(new String(declarationBytes, StandardCharsets.UTF_8));
        DevPkiGenerator generator = new DevPkiGenerator(
                CaTools.root(spec).clock(), new SecureRandom(), new CrlDistributionPoints(crlBaseUrl));
        DevPki pki = generator.generate(parsed);
        Map<String, byte[]> files = pki.files(DevPki.DEV_PASSWORD.toCharArray());
        files.put(DECLARATION_FILE, declarationBytes);
        OutputDirectory.writeAll(out, files, force);
        spec.commandLine()
                .getOut()
                .println("Wrote " + files.size() + " files of the DEVELOPMENT PKI ("
                        + parsed.entities().size() + " entities) to " + out);
        return 0;
    }

    private byte[] declarationBytes() throws IOException {
        if (declaration != null) {
            return Files.readAllBytes(declaration);
        }
        if (profile != null) {
            return builtIn(profile.resource);
        }
        Path inOut = out.resolve(DECLARATION_FILE);
        if (Files.isRegularFile(inOut)) {
            return Files.readAllBytes(inOut);
        }
        return builtIn(DECLARATION_FILE);
    }

    private static byte[] builtIn(String resource) throws IOException {
        try (InputStream builtIn = Objects.requireNonNull(
                DevPkiGenerateCommand.class.getResourceAsStream(resource), "built-in " + resource)) {
            return builtIn.readAllBytes();
        }
    }
}
