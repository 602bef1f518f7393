"""HTTP routers: request model -> command -> handler -> response model."""
