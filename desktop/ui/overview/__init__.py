"""概况: a village's figures."""
