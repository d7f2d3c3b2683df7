package dev.orders.fulfillment.contracts;

import java.util.List;

public record FraudAssessmentResult(int riskScore, List<String> riskFactors) {

    public boolean requiresManualReview() {
        return riskScore > FraudActivities.MANUAL_REVIEW_THRESHOLD;
    }
}
