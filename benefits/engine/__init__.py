"""The rules engine: pure Python, `calculate(inputs, params)` per calculator (see registry)."""
