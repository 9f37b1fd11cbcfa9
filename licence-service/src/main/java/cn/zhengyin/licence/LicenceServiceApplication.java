package cn.zhengyin.licence;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class LicenceServiceApplication {
    public static void main(String[] args) {
        SpringApplication.run(LicenceServiceApplication.class, args);
    }
}
