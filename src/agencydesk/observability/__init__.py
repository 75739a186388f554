"""What operators' machines ask of a running process: health, metrics, structured logs."""
