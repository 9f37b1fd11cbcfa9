package cn.zhengyin.catools;

import picocli.CommandLine.Command;

@Command(
        name = "crl",
        mixinStandardHelpOptions = true,
        description = "Issue certificate revocation lists.",
        subcommands = CrlGenerateCommand.class)
final class CrlCommand {}
