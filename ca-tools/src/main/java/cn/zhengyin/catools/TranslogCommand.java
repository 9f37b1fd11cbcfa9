package cn.zhengyin.catools;

import picocli.CommandLine.Command;

@Command(
        name = "translog",
        mixinStandardHelpOptions = true,
        description = "Check the licence transparency log's proofs offline (docs/transparency-log.md).",
        subcommands = {TranslogVerifyInclusionCommand.class, TranslogVerifyConsistencyCommand.class})
final class TranslogCommand {}
