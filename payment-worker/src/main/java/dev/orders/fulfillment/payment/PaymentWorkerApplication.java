package dev.orders.fulfillment.payment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PaymentWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentWorkerApplication.class, args);
    }
}
