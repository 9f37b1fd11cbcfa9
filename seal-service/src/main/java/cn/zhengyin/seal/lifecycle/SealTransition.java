package cn.zhengyin.seal.lifecycle;

/** The result of a transition: the seal after it and the event that records it. */
public record SealTransition(Seal seal, SealEvent event) {}
