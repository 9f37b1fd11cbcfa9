package cn.zhengyin.catools;

import picocli.CommandLine.Command;

@Command(
        name = "receipt",
        mixinStandardHelpOptions = true,
        description = "Re-check a signed verification report (JWS receipt) offline (docs/verification.md).",
        subcommands = ReceiptVerifyCommand.class)
final class ReceiptCommand {}
