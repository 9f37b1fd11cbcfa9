package cn.zhengyin.catools;

public final class CaTools {
    public static void main(String[] args) {
    }
}
