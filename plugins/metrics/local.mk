# plugin metrics
