package cn.zhengyin.seal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class SealServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(SealServiceApplication.class, args);
    }
}
