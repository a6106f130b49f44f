"""The pure cost and odds core: no Flask, no I/O, no clock (today is passed in)."""
