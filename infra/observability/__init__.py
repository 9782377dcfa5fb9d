"""What operators see: metrics, JSON logs, request observation, health and the service endpoints."""
