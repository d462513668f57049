"""Care classifier: sentiment, issue category, churn intent, follow-up and reply act."""
