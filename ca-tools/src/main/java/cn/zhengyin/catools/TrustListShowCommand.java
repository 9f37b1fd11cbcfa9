package cn.zhengyin.catools;

import cn.zhengyin.trust.trustlist.TrustList;
import cn.zhengyin.trust.trustlist.TrustListException;
import cn.zhengyin.trust.trustlist.TrustListTable;
import cn.zhengyin.trust.trustlist.TrustListXml;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = {
            "Prints a trust list as a table: scheme information, then each authority with its region, USCC, status",
            "(and since when), period, licence type codes and CA certificates. Does not check the signature; use",
            "'trust-list verify' for that."
        })
final class TrustListShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The list (signed or not).")
    Path file;

    @Override
    public Integer call() throws Exception {
        TrustList list;
        try {
            list = TrustListXml.parse(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return TrustListCommands.usage(spec, "no such file: " + e.getFile());
        } catch (TrustListException e) {
            return TrustListCommands.usage(spec, e.getMessage());
        }
        spec.commandLine()
                .getOut()
                .print(TrustListTable.render(list, CaTools.root(spec).clock().instant()));
        return 0;
    }
}
