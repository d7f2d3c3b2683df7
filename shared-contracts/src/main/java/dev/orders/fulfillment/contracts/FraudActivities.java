package dev.orders.fulfillment.contracts;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface FraudActivities {

    String TASK_QUEUE = "fraud-assessment-queue";

    /** Scores above this hold the order for manual review. */
    int MANUAL_REVIEW_THRESHOLD = 80;

    /** Idempotent: a retried or re-driven order gets the assessment stored the first time. */
    @ActivityMethod(name = "FraudAssessment")
    FraudAssessmentResult assess(FraudAssessmentInput input);
}
