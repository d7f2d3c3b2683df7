package dev.orders.fulfillment.api.product;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ProductRepository extends JpaRepository<Product, UUID> {

    List<Product> findAllByOrderBySku();

    Optional<Product> findBySku(String sku);

    List<Product> findBySkuIn(Collection<String> skus);
}
