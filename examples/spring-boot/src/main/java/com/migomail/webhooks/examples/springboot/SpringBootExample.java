package com.migomail.webhooks.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the example: {@code java -jar migomail-webhooks-spring-boot-example.jar}. */
@SpringBootApplication
public class SpringBootExample {

    /**
     * Starts the application with {@code application.properties}.
     *
     * @param args Spring Boot arguments, e.g. {@code --server.port=8081}
     */
    public static void main(String[] args) {
        SpringApplication.run(SpringBootExample.class, args);
    }
}
