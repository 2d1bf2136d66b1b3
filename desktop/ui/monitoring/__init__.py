"""监测: 防返贫 monitoring records."""
