package cn.zhengyin.catools;

import cn.zhengyin.trust.pki.Pem;
import cn.zhengyin.trust.pki.PkiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** What the trust-list sub-commands share: one-line errors with the exit code, certificate files. */
final class TrustListCommands {
    private TrustListCommands() {}

    /** Prints a bad-input message and returns exit code 2. */
    static int usage(CommandSpec spec, String message) {
        spec.commandLine().getErr().println("ca-tools: " + message.replace(System.lineSeparator(), " "));
        return CaTools.EXIT_USAGE;
    }

    /** Prints why the list is not valid and returns exit code 1. */
    static int invalid(CommandSpec spec, String message) {
        spec.commandLine().getErr().println("ca-tools: INVALID: " + message.replace(System.lineSeparator(), " "));
        return CaTools.EXIT_FAILURE;
    }

    /**
     * Reads every certificate in the files (PEM or DER).
     *
     * @throws IllegalArgumentException naming the file, for a missing or unreadable file
     */
    static List<X509Certificate> certificates(List<Path> files) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            try {
                List<X509Certificate> parsed = Pem.parseCertificates(Files.readAllBytes(file));
                if (parsed.isEmpty()) {
                    throw new IllegalArgumentException(file + " holds no certificate");
                }
                certificates.addAll(parsed);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no such file: " + e.getFile(), e);
            } catch (IOException | PkiException e) {
                throw new IllegalArgumentException(file + " cannot be read as certificates: " + e.getMessage(), e);
            }
        }
        return certificates;
    }
}
