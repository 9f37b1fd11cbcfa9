package cn.zhengyin.catools;

import picocli.CommandLine.Command;

@Command(
        name = "cert",
        mixinStandardHelpOptions = true,
        description = "Inspect certificates.",
        subcommands = CertShowCommand.class)
final class CertCommand {}
