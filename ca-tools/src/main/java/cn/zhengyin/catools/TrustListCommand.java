package cn.zhengyin.catools;

import picocli.CommandLine.Command;

@Command(
        name = "trust-list",
        mixinStandardHelpOptions = true,
        description = "The signed trust list of other regions' licence-issuing authorities (证照互认, modelled on"
                + " ETSI TS 119 612).",
        subcommands = {TrustListSignCommand.class, TrustListVerifyCommand.class, TrustListShowCommand.class})
final class TrustListCommand {}
