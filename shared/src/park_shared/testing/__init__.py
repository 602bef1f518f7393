"""What tests share: real servers, in-process apps, the pytest plugin."""
