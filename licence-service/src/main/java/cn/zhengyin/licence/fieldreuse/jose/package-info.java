/** JWS (RFC 7515) signing of field releases with nimbus-jose-jwt, the key held in key custody. */
package cn.zhengyin.licence.fieldreuse.jose;
