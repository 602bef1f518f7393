"""One-stop service (服务中心): service cases, promised deadlines, one seal, fees, support tickets."""
