package dev.orders.fulfillment.fraud;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FraudWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(FraudWorkerApplication.class, args);
    }
}
