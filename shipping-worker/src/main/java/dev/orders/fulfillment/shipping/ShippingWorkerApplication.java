package dev.orders.fulfillment.shipping;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ShippingWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShippingWorkerApplication.class, args);
    }
}
