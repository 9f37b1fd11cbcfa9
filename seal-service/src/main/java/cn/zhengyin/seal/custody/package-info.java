/**
 * Which key custody holds the keys of seals made here, chosen by {@code zhengyin.key-custody.type}
 * ({@code keystore-file}, {@code pkcs11}, {@code vault}); nothing else in the service depends on the choice.
 */
package cn.zhengyin.seal.custody;
