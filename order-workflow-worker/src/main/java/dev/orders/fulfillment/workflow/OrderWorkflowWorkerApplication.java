package dev.orders.fulfillment.workflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class OrderWorkflowWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderWorkflowWorkerApplication.class, args);
    }
}
