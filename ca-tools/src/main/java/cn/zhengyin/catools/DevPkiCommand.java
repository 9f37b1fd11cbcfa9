package cn.zhengyin.catools;

import picocli.CommandLine.Command;

@Command(
        name = "dev-pki",
        mixinStandardHelpOptions = true,
        description = "The development PKI (DEVELOPMENT keys, never for production).",
        subcommands = {DevPkiGenerateCommand.class, DevPkiAddCommand.class})
final class DevPkiCommand {}
